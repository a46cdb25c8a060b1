package dev.pulsecrm.marketing;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Small REST helpers for the integration tests: post JSON, read one field of a response. */
public final class MarketingApi {

	private final MockMvc mvc;

	public MarketingApi(MockMvc mvc) {
		this.mvc = mvc;
	}

	public ResultActions post(String path, String json) throws Exception {
		return this.mvc.perform(MockMvcRequestBuilders.post(path)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	/** PUTs JSON, expecting 200. */
	public ResultActions put(String path, String json) throws Exception {
		return this.mvc
			.perform(MockMvcRequestBuilders.put(path).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isOk());
	}

	public ResultActions get(String path) throws Exception {
		return this.mvc.perform(MockMvcRequestBuilders.get(path));
	}

	/** Posts and returns the new record's id, expecting 201. */
	public String create(String path, String json) throws Exception {
		String body = post(path, json).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.id");
	}

	public String campaign(String channel) throws Exception {
		return create("/api/marketing/campaigns", """
				{"name": "Campaign", "channel": "%s", "budget": {"amount": 5000, "currency": "USD"},
				 "startDate": "2026-01-01"}""".formatted(channel));
	}

	public String lead(String json) throws Exception {
		return create("/api/marketing/leads", json);
	}

	public <T> T read(String path, String jsonPath) throws Exception {
		String body = get(path).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, jsonPath);
	}
}
