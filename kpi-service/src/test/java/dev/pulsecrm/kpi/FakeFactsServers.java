package dev.pulsecrm.kpi;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsGrpc;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * Test doubles of the three facts services on in-process gRPC servers ({@code in-process:fake-sales} …): each
 * answers with hand-built facts, records what it was asked, and can be made to fail with a status.
 */
public final class FakeFactsServers implements AutoCloseable {

	public final FakeSource<SalesFactsReply> sales = new FakeSource<>();

	public final FakeSource<MarketingFactsReply> marketing = new FakeSource<>();

	public final FakeSource<SupportFactsReply> support = new FakeSource<>();

	private final List<Server> servers;

	private FakeFactsServers() throws IOException {
		this.servers = List.of(start("fake-sales", new SalesFactsGrpc.SalesFactsImplBase() {
			@Override
			public void getFacts(FactsRequest request, StreamObserver<SalesFactsReply> response) {
				FakeFactsServers.this.sales.answer(request, response);
			}
		}), start("fake-marketing", new MarketingFactsGrpc.MarketingFactsImplBase() {
			@Override
			public void getFacts(FactsRequest request, StreamObserver<MarketingFactsReply> response) {
				FakeFactsServers.this.marketing.answer(request, response);
			}
		}), start("fake-support", new SupportFactsGrpc.SupportFactsImplBase() {
			@Override
			public void getFacts(FactsRequest request, StreamObserver<SupportFactsReply> response) {
				FakeFactsServers.this.support.answer(request, response);
			}
		}));
	}

	public static FakeFactsServers start() throws IOException {
		return new FakeFactsServers();
	}

	private static Server start(String name, io.grpc.BindableService service) throws IOException {
		return InProcessServerBuilder.forName(name).addService(service).build().start();
	}

	/** Back to the standard facts, every source answering, nothing recorded. */
	public void reset() {
		this.sales.reset(StandardFacts::sales);
		this.marketing.reset(StandardFacts::marketing);
		this.support.reset(StandardFacts::support);
	}

	@Override
	public void close() {
		this.servers.forEach(Server::shutdownNow);
	}

	/** One fake source: its answer, an optional failure, and the requests it received. */
	public static final class FakeSource<R> {

		private final AtomicReference<Function<FactsRequest, R>> answer = new AtomicReference<>();

		private final AtomicReference<Status> failure = new AtomicReference<>();

		private final List<FactsRequest> requests = new CopyOnWriteArrayList<>();

		void reset(Function<FactsRequest, R> standard) {
			this.answer.set(standard);
			this.failure.set(null);
			this.requests.clear();
		}

		public void answerWith(Function<FactsRequest, R> answer) {
			this.answer.set(answer);
		}

		public void failWith(Status status) {
			this.failure.set(status);
		}

		public void recover() {
			this.failure.set(null);
		}

		public List<FactsRequest> requests() {
			return List.copyOf(this.requests);
		}

		/** The periods asked for with {@code groupBy}, as {@code [from, to)} instants. */
		public List<List<Instant>> periodsAsked(String groupBy) {
			return this.requests.stream()
				.filter((request) -> request.getGroupBy().equals(groupBy))
				.map((request) -> List.of(instant(request.getFrom()), instant(request.getTo())))
				.toList();
		}

		private static Instant instant(com.google.protobuf.Timestamp timestamp) {
			return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
		}

		void answer(FactsRequest request, StreamObserver<R> response) {
			this.requests.add(request);
			Status status = this.failure.get();
			if (status != null) {
				response.onError(status.asRuntimeException());
				return;
			}
			R reply = this.answer.get().apply(request);
			if (reply == null) {
				response.onError(Status.INVALID_ARGUMENT.withDescription("unsupported group_by: " + request.getGroupBy())
					.asRuntimeException());
				return;
			}
			response.onNext(reply);
			response.onCompleted();
		}

	}
}
