package dev.pulsecrm.platform.idempotency;

import dev.pulsecrm.platform.problem.FilterProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;

import dev.pulsecrm.platform.security.CallerProvider;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.bson.types.Binary;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every POST and PUT: the first request with a key runs and its response is stored in
 * MongoDB (so every replica sees it); a retry with the same key, caller and path gets the stored response instead
 * of running again. A retry while the first is still running gets 409; the same key with a different body gets 422.
 * Responses of 5xx are not kept, so the client may retry them. A key left running by a replica that died mid-request
 * (SIGKILL, OOM: nothing removed it) is taken over by a retry once it is older than {@code runningTimeout}, so the
 * client is not refused with 409 for good; the command itself is idempotent (creates by {@code externalId}).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

	public static final String HEADER = "Idempotency-Key";

	static final String COLLECTION = "idempotency_keys";

	private final MongoTemplate mongo;

	private final CallerProvider callers;

	private final Clock clock;

	private final Duration runningTimeout;

	public IdempotencyFilter(MongoTemplate mongo, CallerProvider callers, Clock clock) {
		this(mongo, callers, clock, DEFAULT_RUNNING_TIMEOUT);
	}

	/** @param runningTimeout how long a key may stay running before a retry may take it over */
	public IdempotencyFilter(MongoTemplate mongo, CallerProvider callers, Clock clock, Duration runningTimeout) {
		this.mongo = mongo;
		this.callers = callers;
		this.clock = clock;
		this.runningTimeout = runningTimeout;
	}

	/** Twice the gateway's response timeout: no request through it still runs after that. */
	public static final Duration DEFAULT_RUNNING_TIMEOUT = Duration.ofSeconds(60);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return request.getHeader(HEADER) == null || !(method.equals("POST") || method.equals("PUT"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key.isBlank() || key.length() > 200) {
			FilterProblems.write(request, response, HttpStatus.BAD_REQUEST, "Idempotency-Key must be 1 to 200 characters");
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		String id = sha256(this.callers.current().userId() + "\n" + request.getMethod() + "\n" + request.getRequestURI()
				+ "\n" + key);
		String bodyHash = sha256(new String(body, StandardCharsets.UTF_8));
		if (!claim(id, bodyHash)) {
			replay(request, id, bodyHash, response);
			return;
		}
		ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
		boolean stored = false;
		try {
			chain.doFilter(new ReplayableRequest(request, body), captured);
			if (captured.getStatus() < 500) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
						new Update().set("state", "DONE")
							.set("status", captured.getStatus())
							.set("contentType", captured.getContentType())
							.set("body", new Binary(captured.getContentAsByteArray())),
						COLLECTION);
				stored = true;
			}
		}
		finally {
			if (!stored) {
				this.mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
			}
			captured.copyBodyToResponse();
		}
	}

	/** True when this request may run: the key is new, or left running (by a dead replica) for too long. */
	private boolean claim(String id, String bodyHash) {
		Date now = Date.from(this.clock.instant());
		try {
			this.mongo.insert(new Document("_id", id).append("state", "RUNNING")
				.append("bodyHash", bodyHash)
				.append("createdAt", now), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			Document previous = this.mongo.findById(id, Document.class, COLLECTION);
			if (previous == null || !"RUNNING".equals(previous.getString("state"))
					|| !bodyHash.equals(previous.getString("bodyHash"))) {
				return false;
			}
			Date started = previous.getDate("createdAt");
			if (started == null || started.toInstant().plus(this.runningTimeout).isAfter(now.toInstant())) {
				return false;
			}
			// one retry wins the take-over: the update only matches while the stale start time is still there
			Document taken = this.mongo.findAndModify(
					Query.query(Criteria.where("_id").is(id).and("state").is("RUNNING").and("createdAt").is(started)),
					new Update().set("createdAt", now), Document.class, COLLECTION);
			return taken != null;
		}
	}

	private void replay(HttpServletRequest request, String id, String bodyHash, HttpServletResponse response)
			throws IOException {
		Document previous = this.mongo.findById(id, Document.class, COLLECTION);
		if (previous == null || !"DONE".equals(previous.getString("state"))) {
			FilterProblems.write(request, response, HttpStatus.CONFLICT, "a request with this Idempotency-Key is still being processed");
			return;
		}
		if (!bodyHash.equals(previous.getString("bodyHash"))) {
			FilterProblems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT,
					"this Idempotency-Key was used for a different request body");
			return;
		}
		response.setStatus(previous.getInteger("status"));
		if (previous.getString("contentType") != null) {
			response.setContentType(previous.getString("contentType"));
		}
		response.setHeader("Idempotent-Replayed", "true");
		byte[] stored = previous.get("body", Binary.class).getData();
		response.getOutputStream().write(stored);
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** The request with its body already read, so the filter could hash it and the controller can still read it. */
	private static final class ReplayableRequest extends jakarta.servlet.http.HttpServletRequestWrapper {

		private final byte[] body;

		ReplayableRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public jakarta.servlet.ServletInputStream getInputStream() {
			java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(this.body);
			return new jakarta.servlet.ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(jakarta.servlet.ReadListener listener) {
					throw new UnsupportedOperationException("blocking reads only");
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(
					new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}
	}

}
