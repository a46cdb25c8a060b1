package dev.pulsecrm.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFailuresTest {

	@Test
	void aRefusedConnectionNeverReachedAServerAndEjectsTheReplica() {
		ConnectException refused = new ConnectException("Connection refused: /127.0.0.1:9");
		assertThat(UpstreamFailures.neverReachedServer(refused)).isTrue();
		assertThat(UpstreamFailures.replicaBroken(refused)).isTrue();
	}

	@Test
	void aConnectTimeoutNeverReachedAServerAndEjectsTheReplica() {
		ConnectTimeoutException timeout = new ConnectTimeoutException("connection timed out after 2000 ms");
		assertThat(UpstreamFailures.neverReachedServer(timeout)).isTrue();
		assertThat(UpstreamFailures.replicaBroken(timeout)).isTrue();
	}

	@Test
	void noRouteToTheHostNeverReachedAServer() {
		assertThat(UpstreamFailures.neverReachedServer(new NoRouteToHostException("No route to host"))).isTrue();
	}

	@Test
	void aConnectFailureIsFoundBehindWrappers() {
		RuntimeException wrapped = new IllegalStateException("routing failed",
				new IOException("io", new ConnectException("Connection refused")));
		assertThat(UpstreamFailures.neverReachedServer(wrapped)).isTrue();
		assertThat(UpstreamFailures.replicaBroken(wrapped)).isTrue();
	}

	@Test
	void aResetMayHaveBeenProcessedButEjectsTheReplica() {
		SocketException reset = new SocketException("Connection reset");
		assertThat(UpstreamFailures.neverReachedServer(reset)).isFalse();
		assertThat(UpstreamFailures.replicaBroken(reset)).isTrue();
	}

	@Test
	void aCleanCloseBeforeTheResponseIsNeitherRetriedNorHeldAgainstTheReplica() {
		PrematureCloseException closed = PrematureCloseException.TEST_EXCEPTION;
		assertThat(UpstreamFailures.neverReachedServer(closed)).isFalse();
		assertThat(UpstreamFailures.replicaBroken(closed)).isFalse();
	}

	@Test
	void aSlowAnswerIsNeitherRetriedNorHeldAgainstTheReplica() {
		TimeoutException slow = new TimeoutException("Response took longer than timeout: PT30S");
		assertThat(UpstreamFailures.neverReachedServer(slow)).isFalse();
		assertThat(UpstreamFailures.replicaBroken(slow)).isFalse();
		assertThat(UpstreamFailures.replicaBroken(new IllegalArgumentException("not I/O"))).isFalse();
	}
}
