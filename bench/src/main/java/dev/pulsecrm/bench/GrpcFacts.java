package dev.pulsecrm.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

/**
 * Calls a domain service's {@code *Facts} gRPC method the way kpi-service does: plaintext on the loopback, with a
 * signed service token ({@code <service>.<expiry epoch s>.<HMAC-SHA256>}, platform {@code ServiceToken}).
 */
public final class GrpcFacts implements AutoCloseable {

	static final Metadata.Key<String> TOKEN = Metadata.Key.of("x-crm-service-token", Metadata.ASCII_STRING_MARSHALLER);

	private final ManagedChannel channel;

	private final String domain;

	private final String secret;

	public GrpcFacts(String domain, int port, String secret) {
		this.domain = domain;
		this.secret = secret;
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
	}

	/** One facts call over {@code [from, to)}, unsplit; returns its latency in nanoseconds. */
	public long call(Instant from, Instant to, String groupBy) {
		Metadata headers = new Metadata();
		headers.put(TOKEN, token("bench", this.secret, Instant.now().plusSeconds(300)));
		FactsRequest request = FactsRequest.newBuilder()
			.setFrom(timestamp(from))
			.setTo(timestamp(to))
			.setGroupBy(groupBy)
			.build();
		var interceptor = MetadataUtils.newAttachHeadersInterceptor(headers);
		long start = System.nanoTime();
		switch (this.domain) {
			case "sales" -> SalesFactsGrpc.newBlockingStub(this.channel).withInterceptors(interceptor)
				.withDeadlineAfter(120, TimeUnit.SECONDS).getFacts(request);
			case "marketing" -> MarketingFactsGrpc.newBlockingStub(this.channel).withInterceptors(interceptor)
				.withDeadlineAfter(120, TimeUnit.SECONDS).getFacts(request);
			case "support" -> SupportFactsGrpc.newBlockingStub(this.channel).withInterceptors(interceptor)
				.withDeadlineAfter(120, TimeUnit.SECONDS).getFacts(request);
			default -> throw new IllegalArgumentException(this.domain);
		}
		return System.nanoTime() - start;
	}

	static String token(String service, String secret, Instant expiry) {
		String payload = service + "." + expiry.getEpochSecond();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return payload + "." + Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}

	@Override
	public void close() {
		this.channel.shutdownNow();
	}
}
