package dev.pulsecrm.demo.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.pulsecrm.client.marketing.EngagementType;
import dev.pulsecrm.client.marketing.SubscriptionType;
import dev.pulsecrm.client.sales.DealType;
import dev.pulsecrm.client.support.Priority;
import dev.pulsecrm.client.support.SurveyType;
import dev.pulsecrm.client.support.TicketAction;
import dev.pulsecrm.demo.importing.ImportLine;
import dev.pulsecrm.demo.importing.ImportLines;
import dev.pulsecrm.demo.importing.Ndjson;
import dev.pulsecrm.demo.story.DemoStory.AccountRef;
import dev.pulsecrm.demo.story.DemoStory.ConvertedAccount;
import dev.pulsecrm.demo.story.DemoStory.Deal;
import dev.pulsecrm.demo.story.DemoStory.ImportedAccount;
import dev.pulsecrm.demo.story.DemoStory.Lead;
import dev.pulsecrm.demo.story.DemoStory.Ticket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoStoryGeneratorTest {

	static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

	static final DemoStory STORY = DemoStoryGenerator.generate(42, NOW);

	@Test
	void theSameSeedAndNowTellTheSameStoryByteForByte() {
		DemoStory again = DemoStoryGenerator.generate(42, NOW);

		assertThat(ndjson(again)).isEqualTo(ndjson(STORY));
	}

	@Test
	void anotherSeedTellsAnotherStory() {
		assertThat(ndjson(DemoStoryGenerator.generate(43, NOW))).isNotEqualTo(ndjson(STORY));
	}

	@Test
	void theStoryCoversTheTwelveMonthsBeforeNowAndNothingAfter() {
		Instant yearAgo = STORY.end().minus(Duration.ofDays(365));
		assertThat(STORY.end()).isBefore(NOW).isAfter(NOW.minus(Duration.ofMinutes(5)));
		List<Instant> instants = allInstants(STORY);
		assertThat(instants).isNotEmpty().allSatisfy((at) -> assertThat(at).isBefore(STORY.end()));
		// only the long-standing customers' own past is older than the year
		assertThat(instants).allSatisfy((at) -> assertThat(at).isAfter(yearAgo.minus(Duration.ofDays(200))));
		assertThat(STORY.leads()).allSatisfy((lead) -> assertThat(lead.createdAt()).isAfter(yearAgo));
		assertThat(STORY.campaigns()).allSatisfy((campaign) -> assertThat(campaign.createdAt()).isAfter(yearAgo));
	}

	/** CLV's lifespan and the churn rate divide by the customers active at the start of their period. */
	@Test
	void someCustomersWereCustomersAYearAgoAlready() {
		Instant yearAgo = STORY.end().minus(Duration.ofDays(365));

		assertThat(customerSince(STORY).values().stream().filter((since) -> since.isBefore(yearAgo))).hasSizeGreaterThan(5);
	}

	@Test
	void aLeadsHistoryIsInOrderAndAConversionFollowsItsQualification() {
		for (Lead lead : STORY.leads()) {
			if (lead.contactedAt() != null) {
				assertThat(lead.contactedAt()).isAfterOrEqualTo(lead.createdAt());
			}
			if (lead.qualifiedAt() != null) {
				assertThat(lead.contactedAt()).isNotNull();
				assertThat(lead.qualifiedAt()).isAfterOrEqualTo(lead.contactedAt());
			}
			if (lead.disqualifiedAt() != null) {
				assertThat(lead.disqualifiedAt()).isAfterOrEqualTo(lead.qualifiedAt() != null ? lead.qualifiedAt()
						: lead.contactedAt());
				assertThat(lead.disqualificationReason()).isNotBlank();
				assertThat(lead.conversion()).isNull();
			}
			if (lead.conversion() != null) {
				assertThat(lead.qualifiedAt()).isNotNull();
				assertThat(lead.conversion().at()).isAfterOrEqualTo(lead.qualifiedAt());
			}
		}
	}

	@Test
	void everyReferenceResolvesToSomethingToldBeforeIt() {
		assertReferencesResolve(ImportLines.marketing(STORY), Map.of("campaignExternalId", "campaign",
				"leadExternalId", "lead"));
		assertReferencesResolve(ImportLines.sales(STORY, new FakeServerIds()),
				Map.of("accountExternalId", "account", "dealExternalId", "deal"));
		assertReferencesResolve(ImportLines.support(STORY, new FakeServerIds()), Map.of("ticketExternalId", "ticket"));

		Set<String> converted = STORY.leads().stream().filter((lead) -> lead.conversion() != null)
			.map(Lead::externalId).collect(Collectors.toSet());
		Set<String> accounts = STORY.accounts().stream().map(DemoStory.Account::externalId).collect(Collectors.toSet());
		for (AccountRef ref : accountRefs(STORY)) {
			if (ref instanceof ConvertedAccount account) {
				assertThat(converted).contains(account.leadExternalId());
			}
			else {
				assertThat(accounts).contains(((ImportedAccount) ref).externalId());
			}
		}
		assertThat(STORY.deals().stream().filter(Deal::fromLead).map(Deal::sourceLeadExternalId))
			.allSatisfy((lead) -> assertThat(converted).contains(lead));
	}

	@Test
	void eventsAndSurveysComeAfterWhatTheyAreAbout() {
		Map<String, Lead> leads = STORY.leads().stream().collect(Collectors.toMap(Lead::externalId, (l) -> l));
		assertThat(STORY.events()).allSatisfy((event) -> assertThat(event.at())
			.isAfter(leads.get(event.leadExternalId()).createdAt()));
		Map<String, Ticket> tickets = STORY.tickets().stream().collect(Collectors.toMap(Ticket::externalId, (t) -> t));
		STORY.surveys().stream().filter((survey) -> survey.ticketExternalId() != null).forEach((survey) -> {
			Ticket ticket = tickets.get(survey.ticketExternalId());
			assertThat(survey.account()).isEqualTo(ticket.account());
			assertThat(survey.respondedAt()).isAfter(ticket.createdAt());
		});
	}

	@Test
	void aDealsStagesFollowThePipelineAndItsOutcomeComesAfterItsLastStage() {
		List<String> pipeline = List.of(DemoStoryGenerator.STAGES);
		for (Deal deal : STORY.deals()) {
			assertThat(deal.stages().get(0).enteredAt()).isEqualTo(deal.createdAt());
			for (int i = 0; i < deal.stages().size(); i++) {
				assertThat(deal.stages().get(i).stage()).isEqualTo(pipeline.get(i));
				if (i > 0) {
					assertThat(deal.stages().get(i).enteredAt()).isAfter(deal.stages().get(i - 1).enteredAt());
				}
			}
			assertThat(deal.won() && deal.lost()).isFalse();
			Instant lastStage = deal.stages().get(deal.stages().size() - 1).enteredAt();
			if (deal.won()) {
				assertThat(deal.wonAt()).isAfter(lastStage).isAfter(deal.createdAt());
				assertThat(deal.lossReason()).isNull();
			}
			if (deal.lost()) {
				assertThat(deal.lostAt()).isAfter(lastStage);
				assertThat(deal.lossReason()).isNotBlank();
			}
			if (deal.finalAmount() != null) {
				assertThat(deal.won()).isTrue();
				assertThat(deal.finalAmount().amount()).isLessThanOrEqualTo(deal.amount().amount());
			}
		}
		STORY.deals().stream().filter(Deal::fromLead).forEach((deal) -> {
			Lead lead = lead(deal.sourceLeadExternalId());
			assertThat(deal.createdAt()).isEqualTo(lead.conversion().at());
			assertThat(deal.type()).isEqualTo(DealType.NEW_BUSINESS);
		});
		Map<String, Instant> accountCreated = STORY.accounts().stream()
			.collect(Collectors.toMap(DemoStory.Account::externalId, DemoStory.Account::createdAt));
		STORY.deals().stream().filter((deal) -> deal.account() instanceof ImportedAccount).forEach((deal) -> assertThat(
				deal.createdAt()).isAfterOrEqualTo(accountCreated.get(((ImportedAccount) deal.account()).externalId())));
	}

	@Test
	void expansionsGoToCustomersAndChurnComesAfterEverythingTheyBought() {
		Map<AccountRef, Instant> customerSince = customerSince(STORY);
		STORY.deals().stream().filter((deal) -> deal.type() != DealType.NEW_BUSINESS).forEach((deal) ->
				assertThat(deal.createdAt()).isAfter(customerSince.get(deal.account())));
		assertThat(STORY.churns()).isNotEmpty().allSatisfy((churn) -> {
			assertThat(customerSince).containsKey(churn.account());
			assertThat(churn.at()).isAfter(customerSince.get(churn.account()));
			STORY.deals().stream().filter((deal) -> deal.account().equals(churn.account())).forEach((deal) -> {
				assertThat(deal.open()).isFalse();
				assertThat(deal.lastEventAt()).isBefore(churn.at());
			});
		});
		assertThat(STORY.churns().stream().map(DemoStory.Churn::account).distinct()).hasSameSizeAs(STORY.churns());
	}

	@Test
	void ticketsAndSurveysAreAboutCustomersWhileTheyAreCustomers() {
		Map<AccountRef, Instant> customerSince = customerSince(STORY);
		Map<AccountRef, Instant> churnedAt = STORY.churns().stream()
			.collect(Collectors.toMap(DemoStory.Churn::account, DemoStory.Churn::at));
		for (Ticket ticket : STORY.tickets()) {
			assertThat(ticket.createdAt()).isAfter(customerSince.get(ticket.account()));
			if (churnedAt.containsKey(ticket.account())) {
				assertThat(ticket.createdAt()).isBefore(churnedAt.get(ticket.account()));
			}
			Instant previous = ticket.createdAt();
			for (DemoStory.TicketStep step : ticket.history()) {
				assertThat(step.at()).isAfter(previous);
				previous = step.at();
			}
		}
		for (DemoStory.Survey survey : STORY.surveys()) {
			assertThat(survey.respondedAt()).isAfter(customerSince.get(survey.account()));
			int max = survey.type() == SurveyType.NPS ? 10 : 5;
			int min = survey.type() == SurveyType.NPS ? 0 : 1;
			assertThat(survey.score()).isBetween(min, max);
		}
	}

	@Test
	void everyRecordKindOfEveryServiceIsThere() {
		assertThat(types(ImportLines.marketing(STORY))).containsExactlyInAnyOrder("campaign", "spend", "lead", "event",
				"subscription");
		assertThat(types(ImportLines.sales(STORY, new FakeServerIds()))).containsExactlyInAnyOrder("account", "deal",
				"stage", "win", "lose", "churn", "activity");
		assertThat(types(ImportLines.support(STORY, new FakeServerIds()))).containsExactlyInAnyOrder("ticket", "survey");
		assertThat(STORY.events().stream().map(DemoStory.Engagement::type).distinct())
			.containsExactlyInAnyOrder(EngagementType.values());
		assertThat(STORY.subscriptions().stream().map(DemoStory.Subscription::action).distinct())
			.containsExactlyInAnyOrder(SubscriptionType.values());
		assertThat(STORY.deals().stream().map(Deal::type).distinct()).containsExactlyInAnyOrder(DealType.values());
		assertThat(STORY.tickets().stream().map(Ticket::priority).distinct()).containsExactlyInAnyOrder(Priority.values());
		assertThat(STORY.tickets().stream().flatMap((t) -> t.history().stream()).map(DemoStory.TicketStep::action)
			.distinct()).containsExactlyInAnyOrder(TicketAction.values());
		assertThat(STORY.surveys().stream().map(DemoStory.Survey::type).distinct())
			.containsExactlyInAnyOrder(SurveyType.values());
		assertThat(STORY.campaigns().stream().map(DemoStory.Campaign::channel).distinct()).hasSizeGreaterThan(6);
	}

	/** The inputs of every KPI of KPIS.md, and in the last 30 days (the default period) for the period KPIs. */
	@Test
	void everyKpiHasItsInputsAndTheLastThirtyDaysAreNotEmpty() {
		Instant month = STORY.end().minus(Duration.ofDays(30));
		Predicate<Instant> recent = (at) -> at != null && !at.isBefore(month);
		List<Deal> deals = STORY.deals();
		// sales: won, lost with reasons, revenue, cycle, lead-to-customer, stage visits, pipeline, upsell
		assertThat(deals).anyMatch((deal) -> recent.test(deal.wonAt()) && deal.fromLead());
		assertThat(deals).anyMatch((deal) -> recent.test(deal.wonAt()) && !deal.fromLead());
		assertThat(deals).anyMatch((deal) -> recent.test(deal.lostAt()));
		assertThat(deals.stream().filter(Deal::lost).map(Deal::lossReason).distinct()).hasSizeGreaterThan(2);
		assertThat(deals).anyMatch((deal) -> deal.open() && deal.stages().size() > 1);
		assertThat(deals).anyMatch((deal) -> deal.won() && (deal.type() == DealType.UPSELL
				|| deal.type() == DealType.CROSS_SELL) && recent.test(deal.wonAt()));
		assertThat(deals).anyMatch((deal) -> deal.stages().stream().anyMatch((s) -> s.stage().equals("NEGOTIATION")));
		// marketing: new leads, conversions, spend, first contacts, email funnel, list growth
		assertThat(STORY.leads()).anyMatch((lead) -> recent.test(lead.createdAt()));
		assertThat(STORY.leads()).anyMatch((lead) -> recent.test(lead.contactedAt()));
		assertThat(STORY.leads()).anyMatch((lead) -> lead.conversion() != null && recent.test(lead.conversion().at()));
		assertThat(STORY.leads()).anyMatch((lead) -> lead.conversion() != null && lead.campaignExternalId() != null);
		assertThat(STORY.leads()).as("leads created and converted in the period")
			.anyMatch((lead) -> recent.test(lead.createdAt()) && lead.conversion() != null
					&& recent.test(lead.conversion().at()));
		Set<String> mailedRecently = STORY.events().stream()
			.filter((event) -> event.type() == EngagementType.SENT && recent.test(event.at()))
			.map(DemoStory.Engagement::leadExternalId).collect(Collectors.toSet());
		assertThat(STORY.leads()).as("delivered leads converted in the period")
			.anyMatch((lead) -> mailedRecently.contains(lead.externalId()) && lead.conversion() != null
					&& recent.test(lead.conversion().at()));
		assertThat(STORY.campaigns().stream().flatMap((c) -> c.spend().stream()))
			.anyMatch((spend) -> !spend.date().isBefore(month.atZone(java.time.ZoneOffset.UTC).toLocalDate()));
		for (EngagementType type : EngagementType.values()) {
			assertThat(STORY.events()).as("recent %s events", type)
				.anyMatch((event) -> event.type() == type && recent.test(event.at()));
		}
		assertThat(STORY.subscriptions()).anyMatch((s) -> s.action() == SubscriptionType.SUBSCRIBED && recent.test(s.at()));
		assertThat(STORY.subscriptions()).anyMatch((s) -> s.action() == SubscriptionType.SUBSCRIBED && !recent.test(s.at()));
		// customers: new, churned, active
		assertThat(deals).anyMatch((deal) -> deal.won() && recent.test(deal.wonAt()) && deal.type() == DealType.NEW_BUSINESS);
		assertThat(STORY.churns()).anyMatch((churn) -> !churn.at().isBefore(STORY.end().minus(Duration.ofDays(90))));
		// support: opened, answered, resolved within and beyond SLA, backlog, NPS both ways, CSAT, heard from
		assertThat(STORY.tickets()).anyMatch((ticket) -> recent.test(ticket.createdAt()));
		assertThat(STORY.tickets()).anyMatch((ticket) -> ticket.history().stream()
			.noneMatch((step) -> step.action() == TicketAction.RESOLVE));
		assertThat(STORY.tickets()).anyMatch((ticket) -> resolvedLate(ticket, true));
		assertThat(STORY.tickets()).anyMatch((ticket) -> resolvedLate(ticket, false));
		assertThat(STORY.surveys()).anyMatch((s) -> s.type() == SurveyType.NPS && s.score() >= 9 && recent.test(s.respondedAt()));
		assertThat(STORY.surveys()).anyMatch((s) -> s.type() == SurveyType.NPS && s.score() <= 6);
		assertThat(STORY.surveys()).anyMatch((s) -> s.type() == SurveyType.CSAT && recent.test(s.respondedAt()));
		assertThat(STORY.surveys()).anyMatch((s) -> s.heardFrom() != null && recent.test(s.respondedAt()));
	}

	@Test
	void eachServiceGetsAFewHundredToAFewThousandRecords() {
		assertThat(ImportLines.marketing(STORY).size() + STORY.leads().stream().filter((l) -> l.conversion() != null)
			.count()).isBetween(300L, 5000L);
		assertThat(ImportLines.sales(STORY, new FakeServerIds())).hasSizeBetween(300, 5000);
		assertThat(ImportLines.support(STORY, new FakeServerIds())).hasSizeBetween(300, 5000);
	}

	// ------------------------------------------------------------------ helpers

	private static boolean resolvedLate(Ticket ticket, boolean late) {
		Duration target = switch (ticket.priority()) {
			case URGENT -> Duration.ofHours(4);
			case HIGH -> Duration.ofHours(24);
			case NORMAL -> Duration.ofHours(72);
			case LOW -> Duration.ofHours(168);
		};
		return ticket.history().stream().filter((step) -> step.action() == TicketAction.RESOLVE).findFirst()
			.map((step) -> step.at().isAfter(ticket.createdAt().plus(target)) == late).orElse(false);
	}

	private static String ndjson(DemoStory story) {
		return Ndjson.of(ImportLines.marketing(story)) + Ndjson.of(ImportLines.sales(story, new FakeServerIds()))
				+ Ndjson.of(ImportLines.support(story, new FakeServerIds()));
	}

	private static Set<String> types(List<ImportLine> lines) {
		return lines.stream().map(ImportLine::type).collect(Collectors.toSet());
	}

	/** Each field in {@code references} names a line type whose externalId must appear on an earlier line. */
	private static void assertReferencesResolve(List<ImportLine> lines, Map<String, String> references) {
		Map<String, Set<String>> seen = new HashMap<>();
		int checked = 0;
		for (ImportLine line : lines) {
			for (Map.Entry<String, String> reference : references.entrySet()) {
				Object value = line.fields().get(reference.getKey());
				if (value != null) {
					assertThat(seen.getOrDefault(reference.getValue(), Set.of()))
						.as("%s %s on a %s line", reference.getKey(), value, line.type())
						.contains((String) value);
					checked++;
				}
			}
			if (line.externalId() != null) {
				seen.computeIfAbsent(line.type(), (t) -> new java.util.HashSet<>()).add(line.externalId());
			}
		}
		assertThat(checked).isPositive();
	}

	private static Lead lead(String externalId) {
		return STORY.leads().stream().filter((lead) -> lead.externalId().equals(externalId)).findFirst().orElseThrow();
	}

	/** customerSince as sales will compute it: the earliest won deal of the account. */
	static Map<AccountRef, Instant> customerSince(DemoStory story) {
		Map<AccountRef, Instant> since = new HashMap<>();
		story.deals().stream().filter(Deal::won).forEach((deal) -> since.merge(deal.account(), deal.wonAt(),
				(a, b) -> a.isBefore(b) ? a : b));
		return since;
	}

	private static List<AccountRef> accountRefs(DemoStory story) {
		List<AccountRef> refs = new ArrayList<>();
		story.deals().forEach((deal) -> refs.add(deal.account()));
		story.churns().forEach((churn) -> refs.add(churn.account()));
		story.tickets().forEach((ticket) -> refs.add(ticket.account()));
		story.surveys().forEach((survey) -> refs.add(survey.account()));
		return refs;
	}

	private static List<Instant> allInstants(DemoStory story) {
		List<Instant> all = new ArrayList<>();
		story.campaigns().forEach((c) -> all.add(c.createdAt()));
		for (Lead lead : story.leads()) {
			all.add(lead.createdAt());
			all.add(lead.contactedAt());
			all.add(lead.qualifiedAt());
			all.add(lead.disqualifiedAt());
			all.add(lead.conversion() == null ? null : lead.conversion().at());
		}
		story.events().forEach((e) -> all.add(e.at()));
		story.subscriptions().forEach((s) -> all.add(s.at()));
		story.accounts().forEach((a) -> all.add(a.createdAt()));
		for (Deal deal : story.deals()) {
			deal.stages().forEach((s) -> all.add(s.enteredAt()));
			all.add(deal.wonAt());
			all.add(deal.lostAt());
		}
		story.activities().forEach((a) -> {
			all.add(a.createdAt());
			all.add(a.completedAt());
		});
		story.churns().forEach((c) -> all.add(c.at()));
		story.tickets().forEach((t) -> {
			all.add(t.createdAt());
			t.history().forEach((s) -> all.add(s.at()));
		});
		story.surveys().forEach((s) -> all.add(s.respondedAt()));
		all.removeIf(java.util.Objects::isNull);
		return all;
	}
}
