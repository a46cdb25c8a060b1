package dev.pulsecrm.platform.rollup;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Bulk imports ({@code POST /api/<domain>/import}) refresh the rollups once per touched record, in batches, when the
 * import ends ({@link Rollups#deferring}) — several times fewer writes than a refresh per save. The import's report
 * is held back until then, so a client that reads KPIs after the import's answer sees the imported records.
 */
class DeferredImportFilter extends OncePerRequestFilter {

	private final Rollups rollups;

	DeferredImportFilter(Rollups rollups) {
		this.rollups = rollups;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !HttpMethod.POST.matches(request.getMethod()) || !path.startsWith("/api/") || !path.endsWith("/import");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		try {
			this.rollups.deferring(() -> {
				chain.doFilter(request, held);
				return null;
			});
		}
		catch (IOException | ServletException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
		held.copyBodyToResponse();
	}
}
