package dev.pulsecrm.gateway.docs;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** One index of the services' OpenAPI documents, each served through the gateway at {@code /api/docs/<service>}. */
@RestController
class ApiDocsIndexController {

	@GetMapping("/api/docs")
	Map<String, Object> index() {
		return Map.of("openapi", Map.of("sales", "/api/docs/sales", "marketing", "/api/docs/marketing", "support",
				"/api/docs/support", "kpis", "/api/docs/kpis"));
	}
}
