package dev.pulsecrm.sales.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.sales.pipeline.Pipeline;
import dev.pulsecrm.sales.pipeline.PipelineService;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

@Service
public class ForecastService {

	private final MongoTemplate mongo;

	private final PipelineService pipelines;

	ForecastService(MongoTemplate mongo, PipelineService pipelines) {
		this.mongo = mongo;
		this.pipelines = pipelines;
	}

	/**
	 * Open deals whose expected close date is in [from, to), by month and currency. The weighted amount uses the
	 * configured probability of each deal's current stage, summed exactly and rounded half-even to cents once per
	 * row. Open deals without an expected close date are not forecast.
	 */
	public List<ForecastMonth> forecast(LocalDate from, LocalDate to) {
		if (from == null || to == null) {
			throw ProblemException.badRequest(from == null ? "from" : "to", "is required");
		}
		if (!from.isBefore(to)) {
			throw ProblemException.invalid("to", "must be after from");
		}
		List<Document> pipeline = List.of(
				new Document("$match",
						new Document("status", "OPEN").append("expectedCloseOn",
								new Document("$gte", from.toString()).append("$lt", to.toString()))),
				new Document("$group",
						new Document("_id",
								new Document("day", "$expectedCloseOn").append("currency", "$amount.currency")
									.append("stage", "$stage"))
							.append("deals", new Document("$sum", 1))
							.append("cents", new Document("$sum", "$amountCents"))));
		Pipeline stages = this.pipelines.current();
		Map<String, Row> rows = new TreeMap<>();
		for (Document group : this.mongo.getCollection("deals").aggregate(pipeline)) {
			Document id = group.get("_id", Document.class);
			String month = id.getString("day").substring(0, 7);
			String currency = id.getString("currency");
			long cents = ((Number) group.get("cents")).longValue();
			BigDecimal weighted = BigDecimal.valueOf(cents)
				.multiply(BigDecimal.valueOf(stages.probability(id.getString("stage"))));
			rows.computeIfAbsent(month + " " + currency, (key) -> new Row(month, currency))
				.add(((Number) group.get("deals")).longValue(), cents, weighted);
		}
		List<ForecastMonth> months = new ArrayList<>();
		rows.values().forEach((row) -> months.add(row.toMonth()));
		return months;
	}

	private static final class Row {

		private final String month;

		private final String currency;

		private long deals;

		private long cents;

		private BigDecimal weightedCents = BigDecimal.ZERO;

		Row(String month, String currency) {
			this.month = month;
			this.currency = currency;
		}

		void add(long deals, long cents, BigDecimal weightedCents) {
			this.deals += deals;
			this.cents += cents;
			this.weightedCents = this.weightedCents.add(weightedCents);
		}

		ForecastMonth toMonth() {
			long weighted = this.weightedCents.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
			return new ForecastMonth(this.month, this.deals, Money.ofCents(this.cents, this.currency),
					Money.ofCents(weighted, this.currency));
		}
	}
}
