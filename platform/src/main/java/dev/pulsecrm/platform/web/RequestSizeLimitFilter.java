package dev.pulsecrm.platform.web;

import dev.pulsecrm.platform.problem.FilterProblems;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;


import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies inside each service too (a request may bypass the gateway): a declared length over the limit
 * is refused with 413 before it is read; a body without a declared length (chunked) stops being read at the limit
 * with {@link BodyTooLargeException}, which is answered with 413 too, whoever was reading (the JSON reader, or a
 * filter such as the idempotency filter that reads the body first).
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBody;

	private final long maxImport;

	public RequestSizeLimitFilter(long maxBody, long maxImport) {
		this.maxBody = maxBody;
		this.maxImport = maxImport;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = request.getRequestURI().endsWith("/import") ? this.maxImport : this.maxBody;
		long length = request.getContentLengthLong();
		if (length > limit) {
			tooLarge(request, response, "request body of " + length + " bytes exceeds the limit of " + limit + " bytes");
			return;
		}
		try {
			chain.doFilter(length < 0 ? new LimitedRequest(request, limit) : request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			BodyTooLargeException tooLarge = BodyTooLargeException.find(ex);
			if (tooLarge == null || response.isCommitted()) {
				throw ex;
			}
			response.resetBuffer();
			tooLarge(request, response, tooLarge.getMessage());
		}
	}

	private static void tooLarge(HttpServletRequest request, HttpServletResponse response, String detail)
			throws IOException {
		FilterProblems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, detail);
	}

	/** A body without a declared length went past the limit while being read. */
	public static final class BodyTooLargeException extends IOException {

		BodyTooLargeException(long limit) {
			super("request body exceeds the limit of " + limit + " bytes");
		}

		/** The exception in the cause chain of {@code ex}, or null. */
		public static BodyTooLargeException find(Throwable ex) {
			for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
				if (cause instanceof BodyTooLargeException tooLarge) {
					return tooLarge;
				}
			}
			return null;
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {
				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++this.read > LimitedRequest.this.limit) {
						throw new BodyTooLargeException(LimitedRequest.this.limit);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0 && (this.read += n) > LimitedRequest.this.limit) {
						throw new BodyTooLargeException(LimitedRequest.this.limit);
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}
	}
}
