package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/** Sales aggregates for a period, computed next to the data for the KPI service. */
@Service
public class SalesFactsGrpcService extends SalesFactsGrpc.SalesFactsImplBase {

	private final MongoTemplate mongo;

	public SalesFactsGrpcService(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void getFacts(FactsRequest request, StreamObserver<SalesFactsReply> response) {
		if (!request.hasFrom() || !request.hasTo()) {
			response.onError(Status.INVALID_ARGUMENT.withDescription("from and to are required").asRuntimeException());
			return;
		}
		if (!request.getGroupBy().isEmpty()) {
			response.onError(Status.INVALID_ARGUMENT.withDescription("unsupported group_by: " + request.getGroupBy())
				.asRuntimeException());
			return;
		}
		Instant from = instant(request.getFrom());
		Instant to = instant(request.getTo());
		response.onNext(SalesFactsReply.newBuilder().addGroups(totals(from, to)).build());
		response.onCompleted();
	}

	private SalesGroupFacts totals(Instant from, Instant to) {
		// deals won in [from, to): count and Σ amount per currency
		var won = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("wonAt").gte(Date.from(from)).lt(Date.from(to))),
				Aggregation.group("amount.currency").count().as("count").sum("amountCents").as("cents"));
		long count = 0;
		Map<String, Long> centsByCurrency = new LinkedHashMap<>();
		for (Document row : this.mongo.aggregate(won, "deals", Document.class)) {
			count += ((Number) row.get("count")).longValue();
			centsByCurrency.put(row.getString("_id"), ((Number) row.get("cents")).longValue());
		}
		return SalesGroupFacts.newBuilder().setDealsWon(count).setRevenue(moneySum(centsByCurrency)).build();
	}

	static MoneySum moneySum(Map<String, Long> centsByCurrency) {
		MoneySum.Builder sum = MoneySum.newBuilder();
		centsByCurrency.forEach((currency, cents) -> sum.addByCurrency(Money.newBuilder()
			.setCurrency(currency)
			.setAmount(java.math.BigDecimal.valueOf(cents, 2).toPlainString())));
		return sum.build();
	}

	static Instant instant(Timestamp timestamp) {
		return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
	}
}
