package dev.pulsecrm.kpi.facts;

import java.time.Instant;

import dev.pulsecrm.platform.grpc.GuardedGrpcCalls;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;

import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks sales-service for its facts over gRPC, with a deadline and a circuit breaker. */
@Component
public class SalesFactsClient {

	public static final String SOURCE = FactsNeed.Source.SALES.key();

	private final SalesFactsGrpc.SalesFactsBlockingStub stub;

	private final GuardedGrpcCalls calls;

	public SalesFactsClient(GrpcChannelFactory channels, GuardedGrpcCalls calls) {
		this.stub = SalesFactsGrpc.newBlockingStub(channels.createChannel(SOURCE));
		this.calls = calls;
	}

	public SalesFactsReply facts(Instant from, Instant to, String groupBy) {
		var request = FactsRequests.of(from, to, groupBy);
		return this.calls.callIdempotent(SOURCE, this.stub, (stub) -> stub.getFacts(request));
	}
}
