package dev.pulsecrm.kpi.facts;

import java.time.Instant;

import dev.pulsecrm.platform.grpc.GuardedGrpcCalls;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsGrpc;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;

import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks marketing-service for its facts over gRPC, with a deadline and a circuit breaker. */
@Component
public class MarketingFactsClient {

	public static final String SOURCE = FactsNeed.Source.MARKETING.key();

	private final MarketingFactsGrpc.MarketingFactsBlockingStub stub;

	private final GuardedGrpcCalls calls;

	public MarketingFactsClient(GrpcChannelFactory channels, GuardedGrpcCalls calls) {
		this.stub = MarketingFactsGrpc.newBlockingStub(channels.createChannel(SOURCE));
		this.calls = calls;
	}

	public MarketingFactsReply facts(Instant from, Instant to, String groupBy) {
		var request = FactsRequests.of(from, to, groupBy);
		return this.calls.callIdempotent(SOURCE, this.stub, (stub) -> stub.getFacts(request));
	}
}
