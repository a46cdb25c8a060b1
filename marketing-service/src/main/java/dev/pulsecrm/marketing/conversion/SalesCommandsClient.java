package dev.pulsecrm.marketing.conversion;

import dev.pulsecrm.platform.grpc.GuardedGrpcCalls;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadReply;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadRequest;
import dev.pulsecrm.proto.sales.v1.SalesCommandsGrpc;

import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** sales-service's commands, over the {@code sales} channel, with deadline and circuit breaker. */
@Component
class SalesCommandsClient {

	static final String DEPENDENCY = "sales";

	private final SalesCommandsGrpc.SalesCommandsBlockingStub stub;

	private final GuardedGrpcCalls calls;

	SalesCommandsClient(GrpcChannelFactory channels, GuardedGrpcCalls calls) {
		this.stub = SalesCommandsGrpc.newBlockingStub(channels.createChannel(DEPENDENCY));
		this.calls = calls;
	}

	/** Idempotent in sales on the lead id, so it is safe to call again after a timeout. */
	CreateDealFromLeadReply createDealFromLead(CreateDealFromLeadRequest request) {
		return this.calls.callIdempotent(DEPENDENCY, this.stub, (stub) -> stub.createDealFromLead(request));
	}
}
