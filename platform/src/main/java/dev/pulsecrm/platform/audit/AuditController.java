package dev.pulsecrm.platform.audit;

import java.util.List;

import dev.pulsecrm.platform.web.PageResponse;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/<service>/audit}: the service's audit log, newest first; ADMIN only (see the security rules). */
@RestController
public class AuditController {

	private final MongoTemplate mongo;

	public AuditController(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@GetMapping("${crm.audit.path:/api/audit}")
	public PageResponse<AuditEntry> list(@RequestParam(required = false) String entityId,
			@RequestParam(required = false) String collection, @RequestParam(required = false) String actor,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		PageResponse.checkPaging(page, size);
		Criteria criteria = new Criteria();
		if (entityId != null) {
			criteria = criteria.and("entityId").is(entityId);
		}
		if (collection != null) {
			criteria = criteria.and("collection").is(collection);
		}
		if (actor != null) {
			criteria = criteria.and("actor").is(actor);
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, AuditEntry.class);
		List<AuditEntry> items = this.mongo.find(query.with(Sort.by(Sort.Direction.DESC, "at"))
			.skip((long) page * size)
			.limit(size), AuditEntry.class);
		return new PageResponse<>(items, page, size, total);
	}
}
