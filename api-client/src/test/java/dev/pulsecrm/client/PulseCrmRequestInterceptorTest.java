package dev.pulsecrm.client;

import feign.RequestTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PulseCrmRequestInterceptorTest {

	@Test
	void withoutATokenNoAuthorizationHeaderIsSent() {
		RequestTemplate template = new RequestTemplate().method(feign.Request.HttpMethod.GET);

		new PulseCrmRequestInterceptor(new PulseCrmApiProperties(null, " ")).apply(template);

		assertThat(template.headers()).doesNotContainKey("Authorization");
	}

	@Test
	void anIdempotencyKeyGoesOnPostsOnly() {
		PulseCrmRequestInterceptor interceptor = new PulseCrmRequestInterceptor(new PulseCrmApiProperties(null, "t"));
		RequestTemplate post = new RequestTemplate().method(feign.Request.HttpMethod.POST);
		RequestTemplate put = new RequestTemplate().method(feign.Request.HttpMethod.PUT);

		IdempotencyKey.with("k-1", () -> {
			interceptor.apply(post);
			interceptor.apply(put);
			return null;
		});

		assertThat(post.headers().get(IdempotencyKey.HEADER)).containsExactly("k-1");
		assertThat(put.headers()).doesNotContainKey(IdempotencyKey.HEADER);
		assertThat(post.headers().get("Authorization")).containsExactly("Bearer t");
	}

	@Test
	void aNestedKeyIsRestoredToTheOuterOneAfterwards() {
		String inner = IdempotencyKey.with("outer", () -> IdempotencyKey.with("inner", IdempotencyKey::current));

		assertThat(inner).isEqualTo("inner");
		assertThat(IdempotencyKey.with("outer", IdempotencyKey::current)).isEqualTo("outer");
		assertThat(IdempotencyKey.current()).isNull();
	}

	@Test
	void aBlankOrOverlongKeyIsRefusedBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> IdempotencyKey.with(" ", () -> 1));
		assertThatIllegalArgumentException().isThrownBy(() -> IdempotencyKey.with("k".repeat(201), () -> 1));
	}

	@Test
	void theApiUrlDefaultsToTheLocalGateway() {
		assertThat(new PulseCrmApiProperties(null, null).url()).isEqualTo("http://localhost:8080");
	}
}
