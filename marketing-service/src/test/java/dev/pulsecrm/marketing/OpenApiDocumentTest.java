package dev.pulsecrm.marketing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MarketingServiceTest
class OpenApiDocumentTest {

	@Autowired
	MockMvc mvc;

	@Test
	void servesTheOpenApiDocumentWithEveryMarketingEndpoint() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openapi").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/campaigns']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/campaigns/{id}/spend']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/campaigns/{id}/events']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/leads']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/leads/{id}/convert']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/scoring-rules']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/subscriptions']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/send-time']").exists())
			.andExpect(jsonPath("$.paths['/api/marketing/import']").exists());
	}
}
