package dev.pulsecrm.sales;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest extends SalesServiceTest {

	@Test
	void servesTheOpenApiDocumentWithEverySalesEndpoint() {
		JsonNode document = getJson("/v3/api-docs", 200);
		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("paths").propertyNames()).contains("/api/sales/accounts",
				"/api/sales/accounts/{id}", "/api/sales/accounts/{id}/churn", "/api/sales/pipeline",
				"/api/sales/deals", "/api/sales/deals/{id}", "/api/sales/deals/{id}/stage",
				"/api/sales/deals/{id}/win", "/api/sales/deals/{id}/lose", "/api/sales/activities",
				"/api/sales/activities/{id}/complete", "/api/sales/forecast", "/api/sales/import");
	}
}
