package dev.pulsecrm.sales.conversion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadReply;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadRequest;
import dev.pulsecrm.proto.sales.v1.SalesCommandsGrpc;
import dev.pulsecrm.sales.SalesServiceTest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadConversionTest extends SalesServiceTest {

	@Autowired
	GrpcChannelFactory channels;

	@Autowired
	MongoTemplate mongo;

	SalesCommandsGrpc.SalesCommandsBlockingStub commands;

	@BeforeEach
	void connect() {
		this.commands = SalesCommandsGrpc.newBlockingStub(this.channels.createChannel("in-process:sales-test"));
	}

	private static CreateDealFromLeadRequest.Builder request(String leadId) {
		return CreateDealFromLeadRequest.newBuilder()
			.setLeadId(leadId)
			.setCompany("Globex")
			.setIndustry("Retail")
			.setRegion("APAC")
			.setSegment("ENT")
			.setDealName("Globex pilot")
			.setAmount(Money.newBuilder().setAmount("2500.50").setCurrency("EUR"))
			.setOwnerId("ann")
			.setTeam("east")
			.setCampaignId("spring-webinar")
			.setLeadCreatedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L))
			.setAt(Timestamp.newBuilder().setSeconds(1_700_086_400L))
			.setExpectedCloseDate("2027-03-31");
	}

	@Test
	void aConvertedLeadBecomesAnAccountAndANewBusinessDealAndARetryReturnsTheSameIds() {
		String leadId = unique("lead");
		CreateDealFromLeadReply first = this.commands.createDealFromLead(request(leadId).build());
		assertThat(first.getCreated()).isTrue();
		JsonNode account = getJson("/api/sales/accounts/" + first.getAccountId(), 200);
		assertThat(account.get("name").asString()).isEqualTo("Globex");
		assertThat(account.get("region").asString()).isEqualTo("APAC");
		assertThat(account.get("status").asString()).isEqualTo("PROSPECT");
		JsonNode deal = getJson("/api/sales/deals/" + first.getDealId(), 200);
		assertThat(deal.get("type").asString()).isEqualTo("NEW_BUSINESS");
		assertThat(deal.get("accountId").asString()).isEqualTo(first.getAccountId());
		assertThat(deal.get("campaignId").asString()).isEqualTo("spring-webinar");
		assertThat(deal.get("sourceLeadId").asString()).isEqualTo(leadId);
		assertThat(deal.get("leadCreatedAt").asString()).isEqualTo("2023-11-14T22:13:20Z");
		assertThat(deal.get("createdAt").asString()).isEqualTo("2023-11-15T22:13:20Z");
		assertThat(deal.get("amount").get("amount").decimalValue()).isEqualByComparingTo("2500.50");
		assertThat(deal.get("expectedCloseDate").asString()).isEqualTo("2027-03-31");

		CreateDealFromLeadReply retry = this.commands.createDealFromLead(request(leadId).build());
		assertThat(retry.getCreated()).isFalse();
		assertThat(retry.getAccountId()).isEqualTo(first.getAccountId());
		assertThat(retry.getDealId()).isEqualTo(first.getDealId());
	}

	@Test
	void concurrentConversionsOfOneLeadCreateOneAccountAndOneDeal() throws Exception {
		String leadId = unique("lead");
		int callers = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			List<Future<CreateDealFromLeadReply>> replies = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				replies.add(pool.submit(() -> {
					start.await();
					return this.commands.createDealFromLead(request(leadId).build());
				}));
			}
			start.countDown();
			List<CreateDealFromLeadReply> answers = new ArrayList<>();
			for (Future<CreateDealFromLeadReply> reply : replies) {
				answers.add(reply.get());
			}
			assertThat(answers).extracting(CreateDealFromLeadReply::getDealId).containsOnly(answers.get(0).getDealId());
			assertThat(answers).extracting(CreateDealFromLeadReply::getAccountId)
				.containsOnly(answers.get(0).getAccountId());
			assertThat(answers).filteredOn(CreateDealFromLeadReply::getCreated).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		Query byLead = Query.query(Criteria.where("sourceLeadId").is(leadId));
		assertThat(this.mongo.count(byLead, "accounts")).isEqualTo(1);
		assertThat(this.mongo.count(byLead, "deals")).isEqualTo(1);
	}

	@Test
	void badArgumentsAreRefusedAndCreateNothing() {
		String leadId = unique("lead");
		List<CreateDealFromLeadRequest> bad = List.of(request("").build(), request(leadId).setCompany("").build(),
				request(leadId).setDealName(" ").build(), request(leadId).setOwnerId("").build(),
				request(leadId).clearAmount().build(),
				request(leadId).setAmount(Money.newBuilder().setAmount("ten").setCurrency("EUR")).build(),
				request(leadId).setAmount(Money.newBuilder().setAmount("-1").setCurrency("EUR")).build(),
				request(leadId).setExpectedCloseDate("31/03/2027").build(),
				request(leadId).setAt(Timestamp.newBuilder().setSeconds(32_503_680_000L)).build());
		for (CreateDealFromLeadRequest request : bad) {
			assertThatThrownBy(() -> this.commands.createDealFromLead(request))
				.isInstanceOfSatisfying(StatusRuntimeException.class,
						(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
		}
		Query byLead = Query.query(Criteria.where("sourceLeadId").is(leadId));
		assertThat(this.mongo.count(byLead, "accounts")).isZero();
		assertThat(this.mongo.count(byLead, "deals")).isZero();
	}
}
