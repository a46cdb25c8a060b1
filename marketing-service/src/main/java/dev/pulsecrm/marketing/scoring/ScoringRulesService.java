package dev.pulsecrm.marketing.scoring;

import dev.pulsecrm.marketing.lead.Lead;
import dev.pulsecrm.platform.rollup.Rollups;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The rules in force, read from MongoDB on every use (one small document) so all replicas agree at once. Replacing
 * them recomputes every lead's score.
 */
@Service
public class ScoringRulesService {

	/** A lead changed under a recompute this many times in a row is left to the next change to fix. */
	private static final int MAX_ATTEMPTS = 5;

	private final MongoTemplate mongo;

	private final Rollups rollups;

	public ScoringRulesService(MongoTemplate mongo, Rollups rollups) {
		this.mongo = mongo;
		this.rollups = rollups;
	}

	public ScoringRules current() {
		ScoringRules stored = this.mongo.findById(ScoringRules.CURRENT, ScoringRules.class);
		return stored != null ? stored : ScoringRules.defaults();
	}

	/** Validates and stores the rules, then brings every lead's score up to date. */
	public ScoringRules replace(ScoringRules rules) {
		ScoringRules checked = rules.checked();
		this.mongo.save(checked);
		recomputeAll(checked);
		return checked;
	}

	/** Returns the number of leads whose score changed. */
	long recomputeAll(ScoringRules rules) {
		long changed = 0;
		try (var leads = this.mongo.stream(new Query(), Lead.class)) {
			for (Lead lead : (Iterable<Lead>) leads::iterator) {
				if (rescore(lead, rules)) {
					changed++;
				}
			}
		}
		return changed;
	}

	/**
	 * Sets the score only if the lead is unchanged since it was read (its version), so an engagement increment
	 * arriving meanwhile is never overwritten: on a mismatch the lead is read again and rescored.
	 */
	private boolean rescore(Lead lead, ScoringRules rules) {
		Lead current = lead;
		for (int attempt = 0; attempt < MAX_ATTEMPTS && current != null; attempt++) {
			long score = LeadScorer.score(current, rules);
			if (score == current.score()) {
				return false;
			}
			Query unchanged = Query.query(Criteria.where("_id").is(current.id()).and("version").is(current.version()));
			if (this.mongo.updateFirst(unchanged, new Update().set("score", score).inc("version", 1), Lead.class)
				.getMatchedCount() == 1) {
				// the update bypassed the save lifecycle: leads are a rollup source
				this.rollups.refresh("leads", storedId(current.id()));
				return true;
			}
			current = this.mongo.findById(current.id(), Lead.class);
		}
		return false;
	}

	/** The stored {@code _id} of a String id: an ObjectId when the id is one, as the mapping stores it. */
	private static Object storedId(String id) {
		return ObjectId.isValid(id) ? new ObjectId(id) : id;
	}
}
