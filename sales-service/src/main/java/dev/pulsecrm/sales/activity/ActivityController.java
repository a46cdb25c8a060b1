package dev.pulsecrm.sales.activity;

import dev.pulsecrm.platform.web.PageResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sales/activities")
class ActivityController {

	private final ActivityService activities;

	ActivityController(ActivityService activities) {
		this.activities = activities;
	}

	@PostMapping
	ResponseEntity<Activity> create(@Valid @RequestBody CreateActivity command) {
		ActivityService.Created created = this.activities.create(command);
		return ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(created.activity());
	}

	@GetMapping
	PageResponse<Activity> list(@RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) String ownerId, @RequestParam(required = false) String dealId,
			@RequestParam(required = false) String accountId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.activities.list(overdue, ownerId, dealId, accountId, page, size);
	}

	@GetMapping("/{id}")
	Activity get(@PathVariable String id) {
		return this.activities.get(id);
	}

	@PostMapping("/{id}/complete")
	Activity complete(@PathVariable String id, @RequestBody(required = false) CompleteActivity command) {
		return this.activities.complete(id, command == null ? new CompleteActivity(null) : command);
	}
}
