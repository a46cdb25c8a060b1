package dev.pulsecrm.kpi.facts;

import java.time.Instant;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.platform.grpc.GuardedGrpcCalls;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;

import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** Asks sales-service for its facts over gRPC, with a deadline and a circuit breaker. */
@Component
public class SalesFactsClient {

	public static final String SOURCE = "sales";

	private final SalesFactsGrpc.SalesFactsBlockingStub stub;

	private final GuardedGrpcCalls calls;

	public SalesFactsClient(GrpcChannelFactory channels, GuardedGrpcCalls calls) {
		this.stub = SalesFactsGrpc.newBlockingStub(channels.createChannel(SOURCE));
		this.calls = calls;
	}

	public SalesFactsReply facts(Instant from, Instant to, String groupBy) {
		FactsRequest request = FactsRequest.newBuilder()
			.setFrom(timestamp(from))
			.setTo(timestamp(to))
			.setGroupBy(groupBy == null ? "" : groupBy)
			.build();
		return this.calls.call(SOURCE, this.stub, (stub) -> stub.getFacts(request));
	}

	static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}
}
