package dev.pulsecrm.kpi.facts;

import java.time.Instant;

import dev.pulsecrm.platform.grpc.GuardedGrpcCalls;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;

import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks support-service for its facts over gRPC, with a deadline and a circuit breaker. */
@Component
public class SupportFactsClient {

	public static final String SOURCE = FactsNeed.Source.SUPPORT.key();

	private final SupportFactsGrpc.SupportFactsBlockingStub stub;

	private final GuardedGrpcCalls calls;

	public SupportFactsClient(GrpcChannelFactory channels, GuardedGrpcCalls calls) {
		this.stub = SupportFactsGrpc.newBlockingStub(channels.createChannel(SOURCE));
		this.calls = calls;
	}

	public SupportFactsReply facts(Instant from, Instant to, String groupBy) {
		var request = FactsRequests.of(from, to, groupBy);
		return this.calls.callIdempotent(SOURCE, this.stub, (stub) -> stub.getFacts(request));
	}
}
