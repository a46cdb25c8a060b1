package dev.pulsecrm.marketing.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.marketing.MarketingServiceTest;
import dev.pulsecrm.marketing.campaign.Campaign;
import dev.pulsecrm.marketing.campaign.CampaignService;
import dev.pulsecrm.marketing.campaign.Channel;
import dev.pulsecrm.marketing.campaign.CreateCampaign;
import dev.pulsecrm.marketing.campaign.RecordSpend;
import dev.pulsecrm.marketing.conversion.ConversionService;
import dev.pulsecrm.marketing.conversion.ConvertLead;
import dev.pulsecrm.marketing.engagement.EngagementService;
import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.marketing.engagement.LeadConversionBackfill;
import dev.pulsecrm.marketing.lead.CreateLead;
import dev.pulsecrm.marketing.lead.Lead;
import dev.pulsecrm.marketing.lead.LeadHistory;
import dev.pulsecrm.marketing.lead.LeadService;
import dev.pulsecrm.marketing.subscription.RecordSubscription;
import dev.pulsecrm.marketing.subscription.SubscriptionService;
import dev.pulsecrm.marketing.subscription.SubscriptionType;
import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsGrpc;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MarketingFacts over in-process gRPC, on the embedded MongoDB, for March 2021 = [F, T). Every expected number is
 * worked out by hand in the comments from the data in {@link #march2021()}; records exactly at F count, exactly at T
 * do not.
 */
@MarketingServiceTest
class MarketingFactsGrpcTest {

	static final Instant F = Instant.parse("2021-03-01T00:00:00Z");

	static final Instant T = Instant.parse("2021-04-01T00:00:00Z");

	static final long MINUTE = 60_000;

	static final long HOUR = 60 * MINUTE;

	static final long DAY = 24 * HOUR;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	CampaignService campaigns;

	@Autowired
	LeadService leads;

	@Autowired
	ConversionService conversions;

	@Autowired
	EngagementService engagement;

	@Autowired
	SubscriptionService subscriptions;

	@Autowired
	GrpcChannelFactory channels;

	@Autowired
	Rollups rollups;

	@Autowired
	LeadConversionBackfill backfill;

	Campaign emailEu;

	Campaign tradeShow;

	@BeforeEach
	void march2021() {
		for (String collection : List.of("campaigns", "spend", "leads", "engagement_events", "subscriptions")) {
			this.mongo.remove(new Query(), collection);
		}
		// C1: EMAIL, targeted at EU / SaaS / SMB, USD; C2: TRADE_SHOW, untargeted, EUR
		this.emailEu = campaign("Spring mailing", Channel.EMAIL, "USD", "EU", "SaaS", "SMB");
		this.tradeShow = campaign("CeBIT", Channel.TRADE_SHOW, "EUR", null, null, null);

		spend(this.emailEu, "100.00", "USD", "2021-03-01"); // the day of F: in
		spend(this.emailEu, "50.25", "USD", "2021-03-31"); // last day: in
		spend(this.emailEu, "999.00", "USD", "2021-04-01"); // the day of T: out
		spend(this.emailEu, "7.00", "USD", "2021-02-28"); // before: out
		spend(this.tradeShow, "200.00", "EUR", "2021-03-15"); // in

		// L1 created at F, contacted F+2h, qualified F+1d, converted F+2d
		Lead l1 = lead("L1", Channel.EMAIL, this.emailEu, "EU", "SaaS", "SMB", at(0),
				new LeadHistory(at(2 * HOUR), at(DAY), null, null));
		convert(l1, at(2 * DAY));
		// L2 created F+5d, contacted 30 min later, never converted
		Lead l2 = lead("L2", Channel.TRADE_SHOW, this.tradeShow, "US", "Retail", "ENT", at(5 * DAY),
				new LeadHistory(at(5 * DAY + 30 * MINUTE), null, null, null));
		// L3 created 1 ms before T, never contacted
		lead("L3", Channel.EMAIL, this.emailEu, "EU", "SaaS", "SMB", T.minusMillis(1), null);
		// L4 created exactly at T: not new in the period
		lead("L4", Channel.EMAIL, this.emailEu, "EU", "SaaS", "SMB", T, null);
		// L5 created 1 ms before F, first contacted exactly at F (1 ms), converted F+3h
		Lead l5 = lead("L5", Channel.EMAIL, this.emailEu, "EU", "SaaS", "SMB", F.minusMillis(1),
				new LeadHistory(F, at(HOUR), null, null));
		convert(l5, at(3 * HOUR));
		// L6 created F+10d, first contacted exactly at T: its first contact is outside the period
		Lead l6 = lead("L6", Channel.EMAIL, this.emailEu, "EU", "SaaS", "SMB", at(10 * DAY),
				new LeadHistory(T, null, null, null));
		// L7 created F+1d, contacted 1h later, converted exactly at T: new, but not converted in the period
		Lead l7 = lead("L7", Channel.TRADE_SHOW, this.tradeShow, "US", "Retail", "ENT", at(DAY),
				new LeadHistory(at(DAY + HOUR), at(DAY + 2 * HOUR), null, null));
		convert(l7, T);

		event(this.emailEu, l1, EngagementType.SENT, at(HOUR));
		event(this.emailEu, l1, EngagementType.SENT, at(HOUR)); // duplicate: ignored
		event(this.emailEu, l1, EngagementType.OPENED, at(2 * HOUR));
		event(this.emailEu, l1, EngagementType.OPENED, at(3 * HOUR)); // second open, same pair
		event(this.emailEu, l1, EngagementType.CLICKED, at(3 * HOUR));
		event(this.emailEu, l1, EngagementType.REPLIED, at(4 * HOUR));
		event(this.emailEu, l5, EngagementType.SENT, F); // exactly at F: in
		event(this.emailEu, l5, EngagementType.OPENED, at(HOUR));
		event(this.emailEu, l6, EngagementType.SENT, at(10 * DAY));
		event(this.emailEu, l6, EngagementType.BOUNCED, at(10 * DAY + MINUTE));
		event(this.tradeShow, l2, EngagementType.SENT, at(6 * DAY));
		event(this.tradeShow, l2, EngagementType.OPENED, T); // exactly at T: out
		event(this.emailEu, l2, EngagementType.SENT, F.minusMillis(1)); // before F: out
		event(this.emailEu, l2, EngagementType.BOUNCED, at(6 * DAY)); // a bounce whose send is outside

		subscription("a@example.com", SubscriptionType.SUBSCRIBED, F.minusSeconds(86_400));
		subscription("b@example.com", SubscriptionType.SUBSCRIBED, F.minusSeconds(2 * 86_400));
		subscription("b@example.com", SubscriptionType.UNSUBSCRIBED, F.minusMillis(1));
		subscription("c@example.com", SubscriptionType.SUBSCRIBED, F); // exactly at F: in the period
		subscription("c@example.com", SubscriptionType.SUBSCRIBED, F); // duplicate: ignored
		subscription("a@example.com", SubscriptionType.UNSUBSCRIBED, at(5 * DAY));
		subscription("d@example.com", SubscriptionType.SUBSCRIBED, T); // exactly at T: out
	}

	@Test
	void totalsCountEveryFactWithThePeriodEdges() {
		MarketingFactsReply reply = facts("");

		assertThat(reply.getGroupsList()).hasSize(1);
		MarketingGroupFacts totals = reply.getGroups(0);
		assertThat(totals.getGroupMap()).isEmpty();
		// created in [F, T): L1, L2, L3, L6, L7 (L4 at T and L5 before F are out)
		assertThat(totals.getNewLeads()).isEqualTo(5);
		// of those, converted in [F, T): L1 only (L7 converted at T; L5 was not created in the period)
		assertThat(totals.getNewLeadsConverted()).isEqualTo(1);
		// spend dated 2021-03-01 .. 2021-03-31: 100.00 + 50.25 USD, 200.00 EUR
		assertThat(money(totals.getSpend())).containsExactlyInAnyOrderEntriesOf(
				Map.of("USD", new BigDecimal("150.25"), "EUR", new BigDecimal("200.00")));
		// sent pairs: (C1,L1) (C1,L5) (C1,L6) (C2,L2); bounced pairs: (C1,L6) (C1,L2)
		assertThat(totals.getPairsSent()).isEqualTo(4);
		assertThat(totals.getPairsBounced()).isEqualTo(2);
		// delivered: sent pairs without a bounce = (C1,L1) (C1,L5) (C2,L2)
		assertThat(totals.getPairsDelivered()).isEqualTo(3);
		// opened: (C1,L1) (C1,L5) — (C2,L2) opened exactly at T; L1's two opens are one pair
		assertThat(totals.getPairsOpened()).isEqualTo(2);
		assertThat(totals.getPairsClicked()).isEqualTo(1);
		assertThat(totals.getPairsReplied()).isEqualTo(1);
		// delivered pairs whose lead converted in the period: L1 (F+2d) and L5 (F+3h); L2 never converted
		assertThat(totals.getDeliveredPairsConverted()).isEqualTo(2);
		// list: before F a, b subscribed and b unsubscribed = 1; in period c subscribed, a unsubscribed
		assertThat(totals.getListSizeAtFrom()).isEqualTo(1);
		assertThat(totals.getSubscribed()).isEqualTo(1);
		assertThat(totals.getUnsubscribed()).isEqualTo(1);
		// first contacted in the period: L1 2h, L2 30min, L5 1ms, L7 1h (L6 at T is out)
		assertThat(totals.getFirstContact().getCount()).isEqualTo(4);
		assertThat(totals.getFirstContact().getTotalMillis())
			.isEqualTo(2 * HOUR + 30 * MINUTE + 1 + HOUR);
		assertThat(reply.getCampaignChannelsMap()).containsExactlyInAnyOrderEntriesOf(
				Map.of(this.emailEu.id(), "EMAIL", this.tradeShow.id(), "TRADE_SHOW"));
	}

	@Test
	void byChannelSplitsLeadsByTheirChannelAndSpendAndPairsByTheCampaignChannel() {
		Map<String, MarketingGroupFacts> groups = byGroup(facts("channel"), "channel");

		assertThat(groups).containsOnlyKeys("EMAIL", "TRADE_SHOW");
		MarketingGroupFacts email = groups.get("EMAIL");
		// EMAIL leads created in period: L1, L3, L6; converted: L1; first contacts: L1 2h, L5 1ms
		assertThat(email.getNewLeads()).isEqualTo(3);
		assertThat(email.getNewLeadsConverted()).isEqualTo(1);
		assertThat(email.getFirstContact().getCount()).isEqualTo(2);
		assertThat(email.getFirstContact().getTotalMillis()).isEqualTo(2 * HOUR + 1);
		assertThat(money(email.getSpend())).containsExactlyEntriesOf(Map.of("USD", new BigDecimal("150.25")));
		// C1 pairs: sent L1, L5, L6; bounced L6, L2; delivered L1, L5 (both converted)
		assertThat(email.getPairsSent()).isEqualTo(3);
		assertThat(email.getPairsBounced()).isEqualTo(2);
		assertThat(email.getPairsDelivered()).isEqualTo(2);
		assertThat(email.getPairsOpened()).isEqualTo(2);
		assertThat(email.getPairsClicked()).isEqualTo(1);
		assertThat(email.getPairsReplied()).isEqualTo(1);
		assertThat(email.getDeliveredPairsConverted()).isEqualTo(2);
		// the mailing list has no channel: not split, so 0 in every group
		assertThat(email.getSubscribed()).isZero();
		assertThat(email.getListSizeAtFrom()).isZero();

		MarketingGroupFacts show = groups.get("TRADE_SHOW");
		// TRADE_SHOW leads: L2, L7, none converted in period; first contacts L2 30min, L7 1h
		assertThat(show.getNewLeads()).isEqualTo(2);
		assertThat(show.getNewLeadsConverted()).isZero();
		assertThat(show.getFirstContact().getTotalMillis()).isEqualTo(30 * MINUTE + HOUR);
		assertThat(money(show.getSpend())).containsExactlyEntriesOf(Map.of("EUR", new BigDecimal("200.00")));
		assertThat(show.getPairsSent()).isEqualTo(1);
		assertThat(show.getPairsBounced()).isZero();
		assertThat(show.getPairsDelivered()).isEqualTo(1);
		assertThat(show.getPairsOpened()).isZero();
		assertThat(show.getDeliveredPairsConverted()).isZero();
	}

	@Test
	void byCampaignGroupsEverythingByCampaignId() {
		Map<String, MarketingGroupFacts> groups = byGroup(facts("campaign"), "campaign");

		assertThat(groups).containsOnlyKeys(this.emailEu.id(), this.tradeShow.id());
		MarketingGroupFacts c1 = groups.get(this.emailEu.id());
		assertThat(c1.getNewLeads()).isEqualTo(3);
		assertThat(c1.getPairsDelivered()).isEqualTo(2);
		assertThat(money(c1.getSpend())).containsExactlyEntriesOf(Map.of("USD", new BigDecimal("150.25")));
		MarketingGroupFacts c2 = groups.get(this.tradeShow.id());
		assertThat(c2.getNewLeads()).isEqualTo(2);
		assertThat(c2.getPairsSent()).isEqualTo(1);
	}

	@Test
	void byRegionSplitsLeadsAndPairsByTheLeadsRegionAndSpendByTheCampaignTargeting() {
		Map<String, MarketingGroupFacts> groups = byGroup(facts("region"), "region");

		// "none": the untargeted trade-show campaign's spend
		assertThat(groups).containsOnlyKeys("EU", "US", "none");
		MarketingGroupFacts eu = groups.get("EU");
		assertThat(eu.getNewLeads()).isEqualTo(3);
		assertThat(eu.getFirstContact().getCount()).isEqualTo(2);
		assertThat(money(eu.getSpend())).containsExactlyEntriesOf(Map.of("USD", new BigDecimal("150.25")));
		// EU leads' pairs: sent (C1,L1) (C1,L5) (C1,L6); bounced (C1,L6); delivered 2, both converted
		assertThat(eu.getPairsSent()).isEqualTo(3);
		assertThat(eu.getPairsBounced()).isEqualTo(1);
		assertThat(eu.getPairsDelivered()).isEqualTo(2);
		assertThat(eu.getDeliveredPairsConverted()).isEqualTo(2);
		MarketingGroupFacts us = groups.get("US");
		// US: L2's pairs: sent (C2,L2); bounced (C1,L2), whose send is before F; so (C2,L2) is delivered
		assertThat(us.getNewLeads()).isEqualTo(2);
		assertThat(us.getPairsSent()).isEqualTo(1);
		assertThat(us.getPairsBounced()).isEqualTo(1);
		assertThat(us.getPairsDelivered()).isEqualTo(1);
		assertThat(us.getSpend().getByCurrencyList()).isEmpty();
		assertThat(money(groups.get("none").getSpend()))
			.containsExactlyEntriesOf(Map.of("EUR", new BigDecimal("200.00")));
		assertThat(groups.get("none").getNewLeads()).isZero();
	}

	@Test
	void byIndustryAndSegmentUseTheSameRecordsAsRegion() {
		Map<String, MarketingGroupFacts> industries = byGroup(facts("industry"), "industry");
		Map<String, MarketingGroupFacts> segments = byGroup(facts("segment"), "segment");

		assertThat(industries).containsOnlyKeys("SaaS", "Retail", "none");
		assertThat(industries.get("SaaS").getNewLeads()).isEqualTo(3);
		assertThat(industries.get("Retail").getPairsDelivered()).isEqualTo(1);
		assertThat(segments).containsOnlyKeys("SMB", "ENT", "none");
		assertThat(segments.get("SMB").getNewLeadsConverted()).isEqualTo(1);
		assertThat(money(segments.get("SMB").getSpend()))
			.containsExactlyEntriesOf(Map.of("USD", new BigDecimal("150.25")));
	}

	@Test
	void anUnsupportedGroupByIsAnInvalidArgument() {
		assertThatThrownBy(() -> facts("owner")).isInstanceOfSatisfying(StatusRuntimeException.class,
				(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
	}

	@Test
	void aRequestWithoutPeriodIsAnInvalidArgument() {
		var stub = MarketingFactsGrpc.newBlockingStub(this.channels.createChannel("self"));

		assertThatThrownBy(() -> stub.getFacts(FactsRequest.newBuilder().setTo(timestamp(T)).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class,
					(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
		assertThatThrownBy(
				() -> stub.getFacts(FactsRequest.newBuilder().setFrom(timestamp(T)).setTo(timestamp(F)).build()))
			.isInstanceOfSatisfying(StatusRuntimeException.class,
					(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
	}

	@Test
	void aPeriodWithoutRecordsGivesOneGroupOfZeros() {
		var stub = MarketingFactsGrpc.newBlockingStub(this.channels.createChannel("self"));
		MarketingFactsReply reply = stub.getFacts(FactsRequest.newBuilder()
			.setFrom(timestamp(Instant.parse("2019-01-01T00:00:00Z")))
			.setTo(timestamp(Instant.parse("2019-02-01T00:00:00Z")))
			.build());

		assertThat(reply.getGroupsList()).hasSize(1);
		assertThat(reply.getGroups(0).getNewLeads()).isZero();
		assertThat(reply.getGroups(0).getPairsDelivered()).isZero();
		assertThat(reply.getGroups(0).getListSizeAtFrom()).isZero();
	}

	@Test
	void anEventRecordedFromALeadReadBeforeItsConversionStillCountsTheConversion() {
		Lead l8 = lead("L8", Channel.EMAIL, this.emailEu, "EU", "SaaS", "SMB", at(DAY),
				new LeadHistory(at(DAY + HOUR), at(2 * DAY), null, null));
		Lead readBeforeConversion = this.leads.get(l8.id());
		convert(l8, at(4 * DAY));

		this.engagement.record(this.emailEu, readBeforeConversion, EngagementType.SENT, at(3 * DAY));

		// (C1, L8) delivered at F+3d, L8 converted at F+4d: with L1 and L5, 3 delivered pairs converted
		assertThat(facts("").getGroups(0).getDeliveredPairsConverted()).isEqualTo(3);
		assertThat(this.mongo.getCollection("engagement_events")
			.find(new org.bson.Document("leadId", l8.id()))
			.first()
			.getDate("leadConvertedAt")).isEqualTo(java.util.Date.from(at(4 * DAY)));
	}

	@Test
	void eventsStoredBeforeTheyCarriedTheirLeadsConversionGetItOnceFromTheBackfill() {
		// as stored by a version without leadConvertedAt: the conversions of L1 and L5 are not counted
		this.mongo.getCollection("engagement_events")
			.updateMany(new org.bson.Document(),
					new org.bson.Document("$unset", new org.bson.Document("leadConvertedAt", "")));
		List<Object> ids = new java.util.ArrayList<>();
		this.mongo.getCollection("engagement_events").find().forEach((event) -> ids.add(event.get("_id")));
		this.rollups.refreshAll("engagement_events", ids);
		assertThat(facts("").getGroups(0).getDeliveredPairsConverted()).isZero();
		this.mongo.remove(new Query(), LeadConversionBackfill.MIGRATIONS);

		this.backfill.run(null);

		assertThat(facts("").getGroups(0).getDeliveredPairsConverted()).isEqualTo(2);
		assertThat(this.mongo.getCollection(LeadConversionBackfill.MIGRATIONS).countDocuments()).isEqualTo(1);
		// done once: a later start reads the marker and changes nothing
		this.mongo.getCollection("engagement_events")
			.updateMany(new org.bson.Document(),
					new org.bson.Document("$unset", new org.bson.Document("leadConvertedAt", "")));
		this.backfill.run(null);
		assertThat(this.mongo.getCollection("engagement_events")
			.countDocuments(new org.bson.Document("leadConvertedAt", new org.bson.Document("$exists", true))))
			.isZero();
	}

	private MarketingFactsReply facts(String groupBy) {
		return MarketingFactsGrpc.newBlockingStub(this.channels.createChannel("self"))
			.getFacts(FactsRequest.newBuilder()
				.setFrom(timestamp(F))
				.setTo(timestamp(T))
				.setGroupBy(groupBy)
				.build());
	}

	private static Map<String, MarketingGroupFacts> byGroup(MarketingFactsReply reply, String dimension) {
		Map<String, MarketingGroupFacts> groups = new java.util.HashMap<>();
		reply.getGroupsList().forEach((group) -> groups.put(group.getGroupMap().get(dimension), group));
		return groups;
	}

	private static Map<String, BigDecimal> money(dev.pulsecrm.proto.common.v1.MoneySum sum) {
		Map<String, BigDecimal> byCurrency = new java.util.HashMap<>();
		sum.getByCurrencyList().forEach((m) -> byCurrency.put(m.getCurrency(), new BigDecimal(m.getAmount())));
		return byCurrency;
	}

	private static Instant at(long millisAfterFrom) {
		return F.plusMillis(millisAfterFrom);
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}

	private Campaign campaign(String name, Channel channel, String currency, String region, String industry,
			String segment) {
		return this.campaigns
			.create(new CreateCampaign(name, channel, new Money(new BigDecimal("10000"), currency),
					LocalDate.parse("2021-01-01"), null, region, industry, segment, null,
					Instant.parse("2021-01-01T00:00:00Z")))
			.value();
	}

	private void spend(Campaign campaign, String amount, String currency, String date) {
		this.campaigns.recordSpend(campaign.id(),
				new RecordSpend(new Money(new BigDecimal(amount), currency), LocalDate.parse(date), null));
	}

	private Lead lead(String name, Channel channel, Campaign campaign, String region, String industry,
			String segment, Instant createdAt, LeadHistory history) {
		return this.leads
			.create(new CreateLead(name, name.toLowerCase() + "@example.com", name + " Ltd", 10, industry, region,
					segment, "Buyer", channel, campaign.id(), "ana", null, createdAt), history)
			.value();
	}

	private void convert(Lead lead, Instant at) {
		this.conversions.convert(lead.id(), new ConvertLead("Deal " + lead.name(),
				new Money(new BigDecimal("1000"), "USD"), "ana", "emea", null, at));
	}

	private void event(Campaign campaign, Lead lead, EngagementType type, Instant at) {
		this.engagement.record(campaign, this.leads.get(lead.id()), type, at);
	}

	private void subscription(String email, SubscriptionType type, Instant at) {
		this.subscriptions.record(new RecordSubscription(email, type, at, null));
	}
}
