package dev.pulsecrm.sales.conversion;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadReply;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadRequest;
import dev.pulsecrm.proto.sales.v1.SalesCommandsGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import org.springframework.stereotype.Service;

/** What marketing asks of sales: turning a converted lead into an account and a deal. */
@Service
public class SalesCommandsGrpcService extends SalesCommandsGrpc.SalesCommandsImplBase {

	private final LeadConversionService conversions;

	SalesCommandsGrpcService(LeadConversionService conversions) {
		this.conversions = conversions;
	}

	@Override
	public void createDealFromLead(CreateDealFromLeadRequest request,
			StreamObserver<CreateDealFromLeadReply> response) {
		CreateDealFromLeadReply reply;
		try {
			reply = this.conversions.convert(request);
		}
		catch (ProblemException ex) {
			response.onError(status(ex).withDescription(ex.getMessage()).asRuntimeException());
			return;
		}
		response.onNext(reply);
		response.onCompleted();
	}

	/** The REST meaning of a refusal, in gRPC terms. */
	static Status status(ProblemException ex) {
		return switch (ex.status()) {
			case BAD_REQUEST, UNPROCESSABLE_CONTENT -> Status.INVALID_ARGUMENT;
			case FORBIDDEN -> Status.PERMISSION_DENIED;
			case NOT_FOUND -> Status.NOT_FOUND;
			case CONFLICT -> Status.FAILED_PRECONDITION;
			case SERVICE_UNAVAILABLE -> Status.UNAVAILABLE;
			default -> Status.INTERNAL;
		};
	}
}
