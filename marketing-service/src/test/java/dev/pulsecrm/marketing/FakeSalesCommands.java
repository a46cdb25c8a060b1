package dev.pulsecrm.marketing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadReply;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadRequest;
import dev.pulsecrm.proto.sales.v1.SalesCommandsGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * sales-service's {@code SalesCommands} as the tests need it, served on the in-process gRPC server: idempotent on
 * the lead id like the real one (a second call for a lead returns the first account and deal, {@code created=false}),
 * and able to fail the next calls with UNAVAILABLE or to create the deal but never answer (so the caller's deadline
 * expires after sales did the work).
 */
public class FakeSalesCommands extends SalesCommandsGrpc.SalesCommandsImplBase {

	private final Map<String, CreateDealFromLeadReply> dealsByLead = new ConcurrentHashMap<>();

	private final List<CreateDealFromLeadRequest> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger unavailableCalls = new AtomicInteger();

	private final AtomicInteger silentCalls = new AtomicInteger();

	private final AtomicInteger ids = new AtomicInteger();

	/** lead id of every deal created, in order; idempotency means each lead appears once */
	private final List<String> createdForLeads = new CopyOnWriteArrayList<>();

	@Override
	public void createDealFromLead(CreateDealFromLeadRequest request,
			StreamObserver<CreateDealFromLeadReply> response) {
		this.requests.add(request);
		if (this.unavailableCalls.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			response.onError(Status.UNAVAILABLE.withDescription("sales is down").asRuntimeException());
			return;
		}
		boolean[] created = { false };
		CreateDealFromLeadReply deal = this.dealsByLead.computeIfAbsent(request.getLeadId(), (lead) -> {
			created[0] = true;
			int n = this.ids.incrementAndGet();
			this.createdForLeads.add(lead);
			return CreateDealFromLeadReply.newBuilder().setAccountId("account-" + n).setDealId("deal-" + n).build();
		});
		if (this.silentCalls.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			// the deal exists now, but the answer never comes: the caller's deadline runs out
			return;
		}
		response.onNext(deal.toBuilder().setCreated(created[0]).build());
		response.onCompleted();
	}

	public void failNextCallsUnavailable(int calls) {
		this.unavailableCalls.set(calls);
	}

	public void createButNeverAnswerNextCalls(int calls) {
		this.silentCalls.set(calls);
	}

	/** Deals created for a lead: more than one would mean a retry created a duplicate. */
	public long dealsFor(String leadId) {
		return this.createdForLeads.stream().filter(leadId::equals).count();
	}

	public CreateDealFromLeadReply dealOf(String leadId) {
		return this.dealsByLead.get(leadId);
	}

	public List<CreateDealFromLeadRequest> requestsFor(String leadId) {
		List<CreateDealFromLeadRequest> forLead = new ArrayList<>();
		for (CreateDealFromLeadRequest request : this.requests) {
			if (request.getLeadId().equals(leadId)) {
				forLead.add(request);
			}
		}
		return forLead;
	}

	public void reset() {
		this.unavailableCalls.set(0);
		this.silentCalls.set(0);
	}
}
