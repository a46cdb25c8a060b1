package dev.pulsecrm.demo.story;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.pulsecrm.client.Money;
import dev.pulsecrm.client.marketing.Channel;
import dev.pulsecrm.client.marketing.EngagementType;
import dev.pulsecrm.client.marketing.SubscriptionType;
import dev.pulsecrm.client.sales.ActivityType;
import dev.pulsecrm.client.sales.DealType;
import dev.pulsecrm.client.support.Priority;
import dev.pulsecrm.client.support.SurveyType;
import dev.pulsecrm.client.support.TicketAction;
import dev.pulsecrm.demo.story.DemoStory.Account;
import dev.pulsecrm.demo.story.DemoStory.AccountRef;
import dev.pulsecrm.demo.story.DemoStory.Activity;
import dev.pulsecrm.demo.story.DemoStory.Campaign;
import dev.pulsecrm.demo.story.DemoStory.Churn;
import dev.pulsecrm.demo.story.DemoStory.Conversion;
import dev.pulsecrm.demo.story.DemoStory.ConvertedAccount;
import dev.pulsecrm.demo.story.DemoStory.Deal;
import dev.pulsecrm.demo.story.DemoStory.Engagement;
import dev.pulsecrm.demo.story.DemoStory.ImportedAccount;
import dev.pulsecrm.demo.story.DemoStory.Lead;
import dev.pulsecrm.demo.story.DemoStory.Spend;
import dev.pulsecrm.demo.story.DemoStory.StageEntry;
import dev.pulsecrm.demo.story.DemoStory.Subscription;
import dev.pulsecrm.demo.story.DemoStory.Survey;
import dev.pulsecrm.demo.story.DemoStory.Ticket;
import dev.pulsecrm.demo.story.DemoStory.TicketStep;

/**
 * Writes the demo story for a seed: twelve months up to {@code now} of campaigns and their spend, the leads they
 * brought (contacted, qualified or disqualified, some converted into deals), email engagement and list
 * subscriptions; deals moving through the default pipeline to wins and losses, upsells to customers, churn; support
 * tickets of customers (some answered or resolved late) and NPS/CSAT surveys; a few long-standing customers won
 * their first deal before the year began. The same seed and {@code now} give the
 * same story; every instant is in the past and every reference points at something told before it.
 */
public final class DemoStoryGenerator {

	static final String[] STAGES = { "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION" };

	/** Days a deal typically stays in each stage (min, max): PROPOSAL is the bottleneck of the story. */
	private static final int[][] STAGE_DAYS = { { 2, 10 }, { 5, 20 }, { 12, 35 }, { 3, 20 } };

	/** Chance of losing the deal while in each stage. */
	private static final double[] STAGE_LOSS = { 0.07, 0.08, 0.10, 0.0 };

	private static final String[] TEAMS = { "emea", "americas", "apac" };

	private static final String[] REGIONS = { "EMEA", "AMER", "APAC" };

	private static final String[] SEGMENTS = { "SMB", "MID_MARKET", "ENTERPRISE" };

	private static final String[] INDUSTRIES = { "Software", "Retail", "Manufacturing", "Finance", "Healthcare",
			"Logistics" };

	private static final String[] ROLES = { "CFO", "Head of Sales", "Sales Operations Manager", "CTO",
			"Support Lead", "Marketing Director", "Procurement Manager" };

	private static final String[] FIRST_NAMES = { "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo",
			"Ines", "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara" };

	private static final String[] LAST_NAMES = { "Adams", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
			"Hoffmann", "Ito", "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Patel", "Rossi", "Schmidt",
			"Tanaka", "Weber" };

	private static final String[] COMPANY_PREFIXES = { "Northwind", "Bluepeak", "Cobalt", "Driftwood", "Evergreen",
			"Falcon", "Granite", "Harbor", "Ironclad", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orchid",
			"Pinnacle", "Quartz", "Redwood", "Summit", "Tidal", "Umbra", "Vertex", "Willow", "Zenith", "Aurora",
			"Beacon", "Crescent", "Delta", "Ember", "Fjord" };

	private static final String[] COMPANY_SUFFIXES = { "Labs", "Retail", "Logistics", "Health", "Capital", "Systems",
			"Foods", "Motors", "Energy", "Media", "Pharma", "Textiles", "Robotics", "Analytics", "Outfitters",
			"Freight", "Insurance", "Clinics", "Software", "Works", "Partners", "Group", "Industries", "Networks",
			"Studios" };

	private static final String[] PRODUCTS = { "Sales Cloud", "Service Desk", "Analytics", "Platform" };

	private static final String[] LOSS_REASONS = { "price", "competitor", "no budget", "timing", "no decision" };

	private static final String[] DISQUALIFICATION_REASONS = { "no budget", "not the decision maker", "too small",
			"customer of a competitor", "no project" };

	private static final String[] CHURN_REASONS = { "budget cuts", "moved to a competitor", "company acquired",
			"low adoption" };

	private static final String[] TICKET_CHANNELS = { "EMAIL", "PHONE", "CHAT", "WEB" };

	private static final Map<String, String[]> TICKET_SUBJECTS = Map.of("billing",
			new String[] { "Invoice shows the wrong VAT", "Card payment declined", "Need a copy of last invoice" },
			"bug", new String[] { "Report export fails", "Dashboard does not load", "Duplicate contacts after sync" },
			"how-to", new String[] { "How do I add a pipeline stage?", "Setting up email templates",
					"Importing contacts from CSV" },
			"outage", new String[] { "Cannot log in", "API returns 503", "Sync stopped this morning" }, "account",
			new String[] { "Add two more seats", "Change the account owner", "Enable single sign-on" });

	private static final String[] TICKET_CATEGORIES = { "billing", "bug", "how-to", "outage", "account" };

	private static final Map<Priority, Duration[]> SLA = Map.of(Priority.URGENT,
			new Duration[] { Duration.ofHours(1), Duration.ofHours(4) }, Priority.HIGH,
			new Duration[] { Duration.ofHours(4), Duration.ofHours(24) }, Priority.NORMAL,
			new Duration[] { Duration.ofHours(8), Duration.ofHours(72) }, Priority.LOW,
			new Duration[] { Duration.ofHours(24), Duration.ofHours(168) });

	private static final Channel[] HEARD_FROM_WITHOUT_LEAD = { Channel.REFERRAL, Channel.TRADE_SHOW,
			Channel.SEARCH_ADS, Channel.SEMINAR, Channel.WEBINAR, Channel.OTHER };

	/** The campaigns of the year: channel, name, budget, days it runs, leads it brings, how good those leads are. */
	private record CampaignPlan(Channel channel, String name, int budget, int days, int leads, double quality,
			String region, String segment, boolean alwaysOn) {

		CampaignPlan(Channel channel, String name, int budget, int days, int leads, double quality, String region,
				String segment) {
			this(channel, name, budget, days, leads, quality, region, segment, false);
		}
	}

	private static final List<CampaignPlan> CAMPAIGNS = List.of(
			new CampaignPlan(Channel.EMAIL, "Product newsletter", 9_000, 330, 60, 0.9, null, null, true),
			new CampaignPlan(Channel.EMAIL, "Spring nurture sequence", 4_000, 90, 25, 0.9, null, "SMB"),
			new CampaignPlan(Channel.EMAIL, "Autumn win-back", 3_500, 75, 20, 0.8, null, null),
			new CampaignPlan(Channel.SOCIAL, "LinkedIn thought leadership", 18_000, 180, 60, 0.7, null, null, true),
			new CampaignPlan(Channel.SOCIAL, "Social retargeting", 8_000, 90, 25, 0.6, null, "SMB"),
			new CampaignPlan(Channel.SEARCH_ADS, "Search - brand terms", 24_000, 300, 90, 1.0, null, null, true),
			new CampaignPlan(Channel.SEARCH_ADS, "Search - competitor terms", 15_000, 120, 35, 0.9, null, null),
			new CampaignPlan(Channel.DISPLAY_ADS, "Display awareness", 20_000, 120, 30, 0.6, null, null),
			new CampaignPlan(Channel.TV, "Regional TV spot", 60_000, 45, 30, 0.5, "EMEA", null),
			new CampaignPlan(Channel.TRADE_SHOW, "RetailTech Expo", 45_000, 4, 40, 1.3, "EMEA", "ENTERPRISE"),
			new CampaignPlan(Channel.TRADE_SHOW, "Industry 4.0 Fair", 38_000, 3, 30, 1.2, "AMER", "MID_MARKET"),
			new CampaignPlan(Channel.SEMINAR, "CFO breakfast seminar", 12_000, 1, 20, 1.4, "EMEA", "ENTERPRISE"),
			new CampaignPlan(Channel.SEMINAR, "Customer success seminar", 9_000, 1, 18, 1.3, "AMER", null),
			new CampaignPlan(Channel.WEBINAR, "Webinar: pipeline analytics", 3_000, 30, 30, 1.1, null, null),
			new CampaignPlan(Channel.WEBINAR, "Webinar: support SLAs that hold", 2_500, 30, 25, 1.1, null, null),
			new CampaignPlan(Channel.REFERRAL, "Customer referral programme", 10_000, 300, 45, 1.6, null, null, true));

	/** Leads that came without a campaign (the website's contact form). */
	private static final int INBOUND_LEADS = 30;

	private static final int IMPORTED_ACCOUNTS = 120;

	/** The first imported accounts were customers before the year began: "active a year ago" is not empty. */
	private static final int LONG_STANDING_CUSTOMERS = 25;

	private static final int NEWSLETTER_ONLY_SUBSCRIBERS = 60;

	private static final int RECIPIENTS_PER_SEND = 80;

	private final long seed;

	private final Random random;

	private final Instant end;

	private final Instant start;

	/** Where the long-standing customers' past begins, before the year the story is about. */
	private final Instant history;

	private final List<String> companyNames = new ArrayList<>();

	private DemoStoryGenerator(long seed, Instant now) {
		this.seed = seed;
		this.random = new Random(seed);
		// a little before now, so the story is still in the past while it is being loaded
		this.end = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
		this.start = this.end.minus(Duration.ofDays(365));
		this.history = this.start.minus(Duration.ofDays(200));
		int combinations = COMPANY_PREFIXES.length * COMPANY_SUFFIXES.length;
		for (int i = 0; i < combinations; i++) {
			this.companyNames.add(COMPANY_PREFIXES[i % COMPANY_PREFIXES.length] + " "
					+ COMPANY_SUFFIXES[(i / COMPANY_PREFIXES.length) % COMPANY_SUFFIXES.length]);
		}
		java.util.Collections.shuffle(this.companyNames, this.random);
	}

	/** The story of {@code seed}, ending (a couple of minutes before) {@code now}. */
	public static DemoStory generate(long seed, Instant now) {
		return new DemoStoryGenerator(seed, now).story();
	}

	private DemoStory story() {
		List<Campaign> campaigns = campaigns();
		List<Lead> leads = leads(campaigns);
		List<Engagement> events = engagement(campaigns, leads);
		List<Subscription> subscriptions = subscriptions(leads);

		List<Account> accounts = new ArrayList<>();
		List<Deal> deals = new ArrayList<>();
		List<Activity> activities = new ArrayList<>();
		Map<AccountRef, AccountFacts> customers = new LinkedHashMap<>();
		for (Lead lead : leads) {
			if (lead.conversion() != null) {
				Deal deal = convertedDeal(lead);
				deals.add(deal);
				track(customers, deal, lead.segment(), lead.region(), lead.channel(), lead.company());
			}
		}
		for (int i = 1; i <= IMPORTED_ACCOUNTS; i++) {
			Account account = importedAccount(i);
			accounts.add(account);
			Deal deal = importedDeal("deal-" + pad(i) + "-new", new ImportedAccount(account.externalId()),
					account.name(), account.segment(), account.ownerId(), account.team(), DealType.NEW_BUSINESS,
					between(account.createdAt(), min(account.createdAt().plus(Duration.ofDays(7)), this.end)),
					i <= LONG_STANDING_CUSTOMERS ? 1.0 : 0.60);
			deals.add(deal);
			activities.addAll(activities(deal, i));
			track(customers, deal, account.segment(), account.region(), null, account.name());
		}
		deals.addAll(expansions(customers));
		for (Deal deal : deals) {
			if (!deal.fromLead() && deal.type() != DealType.NEW_BUSINESS) {
				track(customers, deal, null, null, null, null);
			}
		}
		List<Churn> churns = churns(customers);
		List<Ticket> tickets = tickets(customers);
		List<Survey> surveys = surveys(customers, tickets);

		deals.sort(Comparator.comparing(Deal::createdAt));
		return new DemoStory(this.seed, this.end, campaigns, leads, events, subscriptions, accounts, deals, activities,
				churns, tickets, surveys);
	}

	// ------------------------------------------------------------------ marketing

	private List<Campaign> campaigns() {
		List<Campaign> campaigns = new ArrayList<>();
		LocalDate firstDay = day(this.start).plusDays(10);
		LocalDate lastDay = day(this.end).minusDays(1);
		for (int i = 0; i < CAMPAIGNS.size(); i++) {
			CampaignPlan plan = CAMPAIGNS.get(i);
			long room = ChronoUnit.DAYS.between(firstDay, lastDay) - plan.days();
			// the always-on campaigns are still running, so the last weeks have spend and leads too
			LocalDate startDate = plan.alwaysOn() ? lastDay.minusDays(plan.days() - 1L)
					: firstDay.plusDays(room <= 0 ? 0 : this.random.nextInt((int) room));
			LocalDate endDate = startDate.plusDays(plan.days() - 1L);
			Money budget = Money.usd(BigDecimal.valueOf(plan.budget()).setScale(2).toPlainString());
			String externalId = "campaign-" + pad(i + 1);
			Instant createdAt = startDate.minusDays(7).atTime(9, 0).toInstant(ZoneOffset.UTC);
			campaigns.add(new Campaign(externalId, plan.name(), plan.channel(), budget, startDate, endDate,
					plan.region(), null, plan.segment(), createdAt, spend(externalId, plan, startDate, endDate)));
		}
		return campaigns;
	}

	/** Events pay once (a deposit, then the rest); everything else is paid week by week. */
	private List<Spend> spend(String campaignExternalId, CampaignPlan plan, LocalDate startDate, LocalDate endDate) {
		List<Spend> spend = new ArrayList<>();
		long budgetCents = plan.budget() * 100L;
		if (plan.channel() == Channel.TRADE_SHOW || plan.channel() == Channel.SEMINAR) {
			long deposit = budgetCents * 6 / 10;
			long rest = Math.round((budgetCents - deposit) * uniform(0.8, 1.1));
			spend.add(new Spend(campaignExternalId + "-spend-1", Money.ofCents(deposit, "USD"), startDate));
			spend.add(new Spend(campaignExternalId + "-spend-2", Money.ofCents(rest, "USD"), endDate));
			return spend;
		}
		long weeks = Math.max(1, (ChronoUnit.DAYS.between(startDate, endDate) + 7) / 7);
		int n = 1;
		for (LocalDate date = startDate; !date.isAfter(endDate); date = date.plusDays(7)) {
			long cents = Math.round(budgetCents / (double) weeks * uniform(0.8, 1.2));
			spend.add(new Spend(campaignExternalId + "-spend-" + n++, Money.ofCents(cents, "USD"), date));
		}
		return spend;
	}

	private List<Lead> leads(List<Campaign> campaigns) {
		List<Lead> leads = new ArrayList<>();
		int index = 0;
		for (int c = 0; c < campaigns.size(); c++) {
			Campaign campaign = campaigns.get(c);
			CampaignPlan plan = CAMPAIGNS.get(c);
			Instant from = campaign.startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
			Instant to = min(campaign.endDate().plusDays(14).atStartOfDay(ZoneOffset.UTC).toInstant(),
					this.end.minus(Duration.ofHours(6)));
			for (int i = 0; i < plan.leads(); i++) {
				leads.add(lead(++index, campaign.channel(), campaign.externalId(), plan.quality(), campaign.region(),
						campaign.segment(), between(from, to)));
			}
		}
		for (int i = 0; i < INBOUND_LEADS; i++) {
			leads.add(lead(++index, Channel.OTHER, null, 0.9, null, null,
					between(this.start, this.end.minus(Duration.ofHours(6)))));
		}
		leads.sort(Comparator.comparing(Lead::createdAt));
		return leads;
	}

	private Lead lead(int index, Channel channel, String campaignExternalId, double quality, String campaignRegion,
			String campaignSegment, Instant createdAt) {
		String company = company();
		String first = pick(FIRST_NAMES);
		String last = pick(LAST_NAMES);
		String domain = company.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".example";
		String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + "@" + domain;
		int regionIndex = campaignRegion != null ? indexOf(REGIONS, campaignRegion) : weightedRegion();
		String segment = campaignSegment != null ? campaignSegment : weightedSegment();
		String owner = "sdr-" + (1 + this.random.nextInt(4));

		Instant contactedAt = null;
		Instant qualifiedAt = null;
		Instant disqualifiedAt = null;
		String reason = null;
		Conversion conversion = null;
		if (chance(0.85)) {
			// most leads are called back within hours, some wait days
			double hours = Math.min(240, Math.max(0.2, Math.exp(this.random.nextGaussian() * 0.9 + Math.log(
					channel == Channel.REFERRAL ? 4 : 10))));
			contactedAt = past(createdAt.plusSeconds(Math.round(hours * 3600)));
		}
		if (contactedAt != null) {
			if (chance(Math.min(0.9, 0.42 * quality))) {
				qualifiedAt = past(contactedAt.plus(days(1, 12)));
			}
			else if (chance(0.55)) {
				disqualifiedAt = past(contactedAt.plus(days(1, 20)));
				reason = disqualifiedAt == null ? null : pick(DISQUALIFICATION_REASONS);
			}
		}
		if (qualifiedAt != null) {
			if (chance(Math.min(0.95, 0.6 * quality))) {
				Instant at = past(qualifiedAt.plus(days(1, 10)));
				if (at != null) {
					String team = TEAMS[regionIndex];
					conversion = new Conversion(company + " - " + pick(PRODUCTS), dealAmount(segment),
							"rep-" + team + "-" + (1 + this.random.nextInt(3)), team,
							day(at).plusDays(30 + this.random.nextInt(60)), at);
				}
			}
			else if (chance(0.3)) {
				disqualifiedAt = past(qualifiedAt.plus(days(5, 30)));
				reason = disqualifiedAt == null ? null : pick(DISQUALIFICATION_REASONS);
			}
		}
		return new Lead("lead-" + pad(index), first + " " + last, email, company, companySize(segment),
				pick(INDUSTRIES), REGIONS[regionIndex], segment, pick(ROLES), channel, campaignExternalId, owner,
				createdAt, contactedAt, qualifiedAt, disqualifiedAt, reason, conversion);
	}

	/**
	 * Email and webinar campaigns send to the leads still in play; some messages bounce, some are opened (mostly
	 * on weekday mornings), clicked or answered.
	 */
	private List<Engagement> engagement(List<Campaign> campaigns, List<Lead> leads) {
		List<Engagement> events = new ArrayList<>();
		for (Campaign campaign : campaigns) {
			int everyDays = switch (campaign.channel()) {
				case EMAIL -> 28;
				case WEBINAR -> 7;
				default -> 0;
			};
			if (everyDays == 0) {
				continue;
			}
			int sends = 0;
			for (LocalDate date = campaign.startDate(); !date.isAfter(campaign.endDate())
					&& (campaign.channel() != Channel.WEBINAR || sends < 2); date = date.plusDays(everyDays)) {
				sends++;
				Instant sentAt = date.atTime(8 + this.random.nextInt(3), this.random.nextInt(60))
					.toInstant(ZoneOffset.UTC);
				if (!sentAt.isBefore(this.end)) {
					break;
				}
				List<Lead> known = leads.stream().filter((lead) -> stillInPlay(lead, sentAt)).toList();
				double share = Math.min(1.0, RECIPIENTS_PER_SEND / (double) Math.max(1, known.size()));
				for (Lead lead : known) {
					if (chance(share)) {
						sendTo(events, campaign, lead, sentAt);
					}
				}
			}
		}
		nurture(events, campaigns, leads);
		events.sort(Comparator.comparing(Engagement::at));
		return events;
	}

	/**
	 * A qualified lead gets the newsletter's product mail in the days before it converts, and opens it: the
	 * conversions that email engagement leads to.
	 */
	private void nurture(List<Engagement> events, List<Campaign> campaigns, List<Lead> leads) {
		Campaign newsletter = campaigns.get(0);
		for (Lead lead : leads) {
			if (lead.conversion() == null) {
				continue;
			}
			Instant sentAt = max(lead.qualifiedAt(), lead.conversion().at().minus(days(1, 4)));
			if (!sentAt.isAfter(newsletter.startDate().atStartOfDay(ZoneOffset.UTC).toInstant())
					|| !sentAt.isBefore(lead.conversion().at())) {
				continue;
			}
			events.add(new Engagement(newsletter.externalId(), lead.externalId(), EngagementType.SENT, sentAt));
			Instant openedAt = sentAt.plusSeconds(600L + this.random.nextInt(7200));
			if (openedAt.isBefore(lead.conversion().at())) {
				events.add(new Engagement(newsletter.externalId(), lead.externalId(), EngagementType.OPENED, openedAt));
				if (chance(0.5)) {
					add(events, newsletter, lead, EngagementType.CLICKED, past(openedAt.plusSeconds(120)));
				}
			}
		}
	}

	/** Mailings go to the leads of the last four months that were neither disqualified nor converted yet. */
	private static boolean stillInPlay(Lead lead, Instant at) {
		return lead.createdAt().isBefore(at) && lead.createdAt().isAfter(at.minus(Duration.ofDays(120)))
				&& (lead.disqualifiedAt() == null || lead.disqualifiedAt().isAfter(at))
				&& (lead.conversion() == null || lead.conversion().at().isAfter(at));
	}

	private void sendTo(List<Engagement> events, Campaign campaign, Lead lead, Instant sentAt) {
		events.add(new Engagement(campaign.externalId(), lead.externalId(), EngagementType.SENT, sentAt));
		if (chance(0.05)) {
			add(events, campaign, lead, EngagementType.BOUNCED, past(sentAt.plusSeconds(60)));
			return;
		}
		if (!chance(lead.conversion() != null ? 0.6 : 0.36)) {
			return;
		}
		Instant openedAt = past(sentAt.plusSeconds(Math.round(uniform(0.2, 30) * 3600)));
		if (openedAt == null) {
			return;
		}
		add(events, campaign, lead, EngagementType.OPENED, openedAt);
		if (chance(0.35)) {
			add(events, campaign, lead, EngagementType.CLICKED, past(openedAt.plusSeconds(60L * (1 + this.random.nextInt(30)))));
		}
		if (chance(0.12)) {
			add(events, campaign, lead, EngagementType.REPLIED, past(openedAt.plusSeconds(60L * (10 + this.random.nextInt(290)))));
		}
	}

	private static void add(List<Engagement> events, Campaign campaign, Lead lead, EngagementType type, Instant at) {
		if (at != null) {
			events.add(new Engagement(campaign.externalId(), lead.externalId(), type, at));
		}
	}

	/** Some leads join the mailing list when they appear, a few leave later; plus newsletter-only readers. */
	private List<Subscription> subscriptions(List<Lead> leads) {
		List<Subscription> joined = new ArrayList<>();
		for (Lead lead : leads) {
			if (chance(0.35)) {
				Instant at = past(lead.createdAt().plus(days(0, 2)));
				if (at != null) {
					joined.add(new Subscription(null, lead.email(), SubscriptionType.SUBSCRIBED, at));
				}
			}
		}
		for (int i = 1; i <= NEWSLETTER_ONLY_SUBSCRIBERS; i++) {
			joined.add(new Subscription(null, "reader" + i + "@mail.example", SubscriptionType.SUBSCRIBED,
					between(this.start, this.end.minus(Duration.ofHours(1)))));
		}
		List<Subscription> subscriptions = new ArrayList<>(joined);
		for (Subscription member : joined) {
			if (chance(0.12)) {
				Instant left = past(member.at().plus(days(10, 200)));
				if (left != null) {
					subscriptions.add(new Subscription(null, member.email(), SubscriptionType.UNSUBSCRIBED, left));
				}
			}
		}
		subscriptions.sort(Comparator.comparing(Subscription::at).thenComparing(Subscription::email));
		List<Subscription> numbered = new ArrayList<>();
		for (int i = 0; i < subscriptions.size(); i++) {
			Subscription s = subscriptions.get(i);
			numbered.add(new Subscription("subscription-" + pad(i + 1), s.email(), s.action(), s.at()));
		}
		return numbered;
	}

	// ------------------------------------------------------------------ sales

	/** The deal a conversion opened (in the first stage, at the conversion), and what happened to it since. */
	private Deal convertedDeal(Lead lead) {
		Conversion conversion = lead.conversion();
		DealPath path = path(conversion.at(), 0.62);
		return new Deal(null, lead.externalId(), new ConvertedAccount(lead.externalId()), conversion.dealName(),
				conversion.ownerId(), conversion.team(), conversion.amount(), DealType.NEW_BUSINESS,
				conversion.expectedCloseDate(), conversion.at(), path.stages(), path.wonAt(),
				path.wonAt() == null ? null : finalAmount(conversion.amount()), path.lostAt(), path.lossReason());
	}

	private Account importedAccount(int index) {
		int regionIndex = weightedRegion();
		String team = TEAMS[regionIndex];
		// spread over the year, but the first ones early: they are the customers a year-long story starts with
		Instant createdAt = index <= LONG_STANDING_CUSTOMERS
				? between(this.history, this.start.minus(Duration.ofDays(120)))
				: index <= 45 ? between(this.start, this.start.plus(Duration.ofDays(45)))
						: between(this.start, this.end.minus(Duration.ofDays(3)));
		return new Account("account-" + pad(index), company(), pick(INDUSTRIES), REGIONS[regionIndex],
				weightedSegment(), "rep-" + team + "-" + (1 + this.random.nextInt(3)), team, createdAt);
	}

	private Deal importedDeal(String externalId, AccountRef account, String accountName, String segment,
			String ownerId, String team, DealType type, Instant createdAt, double winChance) {
		Money amount = type == DealType.NEW_BUSINESS || type == DealType.RENEWAL ? dealAmount(segment)
				: scaled(dealAmount(segment), 0.3);
		DealPath path = path(createdAt, winChance);
		String suffix = switch (type) {
			case NEW_BUSINESS -> "";
			case UPSELL -> " upsell";
			case CROSS_SELL -> " cross-sell";
			case RENEWAL -> " renewal";
		};
		return new Deal(externalId, null, account, accountName + " - " + pick(PRODUCTS) + suffix, ownerId, team,
				amount, type, day(createdAt).plusDays(30 + this.random.nextInt(90)), createdAt, path.stages(),
				path.wonAt(), path.wonAt() == null ? null : finalAmount(amount), path.lostAt(), path.lossReason());
	}

	private record DealPath(List<StageEntry> stages, Instant wonAt, Instant lostAt, String lossReason) {
	}

	/**
	 * Through the pipeline stage by stage, maybe lost on the way, won or lost after negotiation; a deal whose next
	 * step would be in the future is still open in its stage.
	 */
	private DealPath path(Instant createdAt, double winChance) {
		List<StageEntry> stages = new ArrayList<>();
		stages.add(new StageEntry(STAGES[0], createdAt));
		Instant at = createdAt;
		for (int stage = 0; stage < STAGES.length; stage++) {
			Instant next = at.plus(days(STAGE_DAYS[stage][0], STAGE_DAYS[stage][1]));
			if (!next.isBefore(this.end)) {
				return new DealPath(stages, null, null, null);
			}
			// a certain win (the long-standing customers' first deals) is never lost on the way
			if (winChance < 1.0 && chance(STAGE_LOSS[stage])) {
				return new DealPath(stages, null, next, pick(LOSS_REASONS));
			}
			if (stage == STAGES.length - 1) {
				return chance(winChance) ? new DealPath(stages, next, null, null)
						: new DealPath(stages, null, next, pick(LOSS_REASONS));
			}
			at = next;
			stages.add(new StageEntry(STAGES[stage + 1], at));
		}
		throw new IllegalStateException("the loop returns at the last stage");
	}

	private List<Activity> activities(Deal deal, int index) {
		List<Activity> activities = new ArrayList<>();
		Instant createdAt = past(deal.createdAt().plus(days(0, 2)));
		if (createdAt == null) {
			return activities;
		}
		ActivityType type = pick(new ActivityType[] { ActivityType.CALL, ActivityType.MEETING, ActivityType.EMAIL });
		Instant completedAt = past(createdAt.plus(days(0, 2)));
		activities.add(new Activity("activity-" + pad(index) + "-1", type, "Discovery " + type.name().toLowerCase(
				Locale.ROOT) + " about " + deal.name(), deal.ownerId(), deal.externalId(), createdAt,
				createdAt.plus(Duration.ofDays(1)), completedAt));
		if (deal.open()) {
			// a reminder for the next step: due soon, some already overdue
			Instant dueAt = this.end.plus(Duration.ofDays(this.random.nextInt(21) - 7L)).truncatedTo(ChronoUnit.HOURS);
			activities.add(new Activity("activity-" + pad(index) + "-2", ActivityType.TASK,
					"Follow up on " + deal.name(), deal.ownerId(), deal.externalId(), createdAt, dueAt, null));
		}
		return activities;
	}

	/** What the story knows about a customer (an account with a won deal) for expansion, churn and support. */
	private static final class AccountFacts {

		final AccountRef ref;

		String segment;

		String region;

		Channel heardFrom;

		String name;

		Instant customerSince;

		Instant lastDealEventAt;

		boolean hasOpenDeal;

		String ownerId;

		String team;

		Instant churnedAt;

		AccountFacts(AccountRef ref) {
			this.ref = ref;
		}
	}

	private void track(Map<AccountRef, AccountFacts> accounts, Deal deal, String segment, String region,
			Channel heardFrom, String name) {
		AccountFacts facts = accounts.computeIfAbsent(deal.account(), AccountFacts::new);
		if (segment != null) {
			facts.segment = segment;
			facts.region = region;
			facts.heardFrom = heardFrom;
			facts.name = name;
			facts.ownerId = deal.ownerId();
			facts.team = deal.team();
		}
		if (deal.won() && (facts.customerSince == null || deal.wonAt().isBefore(facts.customerSince))) {
			facts.customerSince = deal.wonAt();
		}
		if (facts.lastDealEventAt == null || deal.lastEventAt().isAfter(facts.lastDealEventAt)) {
			facts.lastDealEventAt = deal.lastEventAt();
		}
		facts.hasOpenDeal |= deal.open();
	}

	/** Upsells and cross-sells to customers some weeks after they bought; a renewal before the first year is over. */
	private List<Deal> expansions(Map<AccountRef, AccountFacts> accounts) {
		List<Deal> deals = new ArrayList<>();
		int index = 0;
		for (AccountFacts account : accounts.values()) {
			if (account.customerSince == null) {
				continue;
			}
			Instant created = account.customerSince.plus(days(15, 120));
			for (int i = 0; i < 2 && chance(0.55) && created.isBefore(this.end.minus(Duration.ofDays(1))); i++) {
				DealType type = chance(0.55) ? DealType.UPSELL : DealType.CROSS_SELL;
				deals.add(importedDeal("deal-expansion-" + pad(++index), account.ref, account.name, account.segment,
						account.ownerId, account.team, type, created, 0.8));
				created = created.plus(days(30, 120));
			}
			// a yearly contract is renegotiated some weeks before its anniversary
			Instant renewal = account.customerSince.plus(days(270, 300));
			if (renewal.isBefore(this.end.minus(Duration.ofDays(1))) && chance(0.8)) {
				deals.add(importedDeal("deal-renewal-" + pad(++index), account.ref, account.name, account.segment,
						account.ownerId, account.team, DealType.RENEWAL, renewal, 0.85));
			}
		}
		return deals;
	}

	/** Some customers leave: after everything they bought was closed, never with a deal still open. */
	private List<Churn> churns(Map<AccountRef, AccountFacts> accounts) {
		List<Churn> churns = new ArrayList<>();
		for (AccountFacts account : accounts.values()) {
			if (account.customerSince == null || account.hasOpenDeal || !chance(0.15)) {
				continue;
			}
			Instant at = account.lastDealEventAt.plus(days(20, 150));
			if (at.isBefore(this.end)) {
				account.churnedAt = at;
				churns.add(new Churn(account.ref, pick(CHURN_REASONS), at));
			}
		}
		churns.sort(Comparator.comparing(Churn::at));
		return churns;
	}

	// ------------------------------------------------------------------ support

	private List<Ticket> tickets(Map<AccountRef, AccountFacts> accounts) {
		List<Ticket> tickets = new ArrayList<>();
		int index = 0;
		for (AccountFacts account : accounts.values()) {
			if (account.customerSince == null) {
				continue;
			}
			Instant from = account.customerSince.plus(Duration.ofDays(1));
			Instant to = min(account.churnedAt == null ? this.end : account.churnedAt, this.end)
				.minus(Duration.ofHours(1));
			if (!from.isBefore(to)) {
				continue;
			}
			int count = switch (account.segment) {
				case "ENTERPRISE" -> 3 + this.random.nextInt(6);
				case "MID_MARKET" -> 2 + this.random.nextInt(5);
				default -> 1 + this.random.nextInt(3);
			};
			for (int i = 0; i < count; i++) {
				tickets.add(ticket("ticket-" + pad(++index), account, between(from, to)));
			}
		}
		tickets.sort(Comparator.comparing(Ticket::createdAt));
		return tickets;
	}

	private Ticket ticket(String externalId, AccountFacts account, Instant createdAt) {
		double roll = this.random.nextDouble();
		Priority priority = roll < 0.25 ? Priority.LOW
				: roll < 0.70 ? Priority.NORMAL : roll < 0.92 ? Priority.HIGH : Priority.URGENT;
		String category = pick(TICKET_CATEGORIES);
		boolean americas = "AMER".equals(account.region);
		String team = americas ? "support-americas" : "support-emea";
		String agent = "agent-" + ((americas ? 4 : 1) + this.random.nextInt(3));
		Duration[] sla = SLA.get(priority);

		List<TicketStep> history = new ArrayList<>();
		Instant at = createdAt;
		if (chance(0.2)) {
			at = at.plusSeconds(60L * (1 + this.random.nextInt(20)));
			history.add(new TicketStep(TicketAction.REPLY, at, agent, false));
		}
		// most first answers and resolutions meet the SLA; the late ones are the breaches of the story
		Instant replyAt = max(createdAt.plusSeconds(Math.round(sla[0].toSeconds() * slaFactor(0.85))),
				at.plusSeconds(60));
		history.add(new TicketStep(TicketAction.REPLY, replyAt, agent, true));
		Instant resolveAt = max(createdAt.plusSeconds(Math.round(sla[1].toSeconds() * slaFactor(0.82))),
				replyAt.plusSeconds(600));
		history.add(new TicketStep(TicketAction.RESOLVE, resolveAt, agent, null));
		Instant last = resolveAt;
		if (chance(0.1)) {
			Instant reopenAt = last.plus(Duration.ofHours(1 + this.random.nextInt(48)));
			Instant againAt = reopenAt.plus(Duration.ofMinutes(30 + this.random.nextInt(240)));
			Instant resolvedAgainAt = againAt.plus(Duration.ofHours(1 + this.random.nextInt(24)));
			history.add(new TicketStep(TicketAction.REOPEN, reopenAt, null, null));
			history.add(new TicketStep(TicketAction.REPLY, againAt, agent, true));
			history.add(new TicketStep(TicketAction.RESOLVE, resolvedAgainAt, agent, null));
			last = resolvedAgainAt;
		}
		if (chance(0.7)) {
			history.add(new TicketStep(TicketAction.CLOSE, last.plus(Duration.ofHours(48 + this.random.nextInt(72))),
					null, null));
		}
		// what has not happened yet is not told: recent tickets are still open or pending
		List<TicketStep> told = history.stream().filter((step) -> step.at().isBefore(this.end)).toList();
		String[] subjects = TICKET_SUBJECTS.get(category);
		return new Ticket(externalId, account.ref, subjects[this.random.nextInt(subjects.length)], priority,
				pick(TICKET_CHANNELS), category, agent, team, createdAt, told);
	}

	/** A share of the SLA target: within it with probability {@code onTime}, up to three times over otherwise. */
	private double slaFactor(double onTime) {
		return chance(onTime) ? uniform(0.1, 0.9) : uniform(1.1, 3.0);
	}

	private List<Survey> surveys(Map<AccountRef, AccountFacts> accounts, List<Ticket> tickets) {
		List<Survey> surveys = new ArrayList<>();
		Map<AccountRef, AccountFacts> byRef = accounts;
		for (Ticket ticket : tickets) {
			TicketStep resolved = ticket.history().stream()
				.filter((step) -> step.action() == TicketAction.RESOLVE)
				.findFirst()
				.orElse(null);
			if (resolved == null || !chance(0.45)) {
				continue;
			}
			Instant respondedAt = past(resolved.at().plus(Duration.ofHours(2 + this.random.nextInt(70))));
			if (respondedAt == null) {
				continue;
			}
			Duration[] sla = SLA.get(ticket.priority());
			boolean late = resolved.at().isAfter(ticket.createdAt().plus(sla[1]));
			int score = late ? 1 + this.random.nextInt(4) : 3 + this.random.nextInt(3);
			surveys.add(new Survey(null, SurveyType.CSAT, ticket.account(), score, ticket.externalId(),
					score >= 4 ? "Quick and friendly help" : "Took too long", null, respondedAt));
		}
		for (AccountFacts account : byRef.values()) {
			if (account.customerSince == null || !chance(0.75)) {
				continue;
			}
			Instant limit = account.churnedAt == null ? this.end : account.churnedAt;
			Instant respondedAt = account.customerSince.plus(days(30, 200));
			if (!respondedAt.isBefore(limit)) {
				continue;
			}
			int score = account.churnedAt != null ? this.random.nextInt(8) : npsScore();
			Channel heardFrom = account.heardFrom != null ? account.heardFrom : pick(HEARD_FROM_WITHOUT_LEAD);
			surveys.add(new Survey(null, SurveyType.NPS, account.ref, score, null,
					score >= 9 ? "Would recommend" : score <= 6 ? "Too expensive for what we use" : null, heardFrom,
					respondedAt));
		}
		surveys.sort(Comparator.comparing(Survey::respondedAt));
		List<Survey> numbered = new ArrayList<>();
		for (int i = 0; i < surveys.size(); i++) {
			Survey s = surveys.get(i);
			numbered.add(new Survey("survey-" + pad(i + 1), s.type(), s.account(), s.score(), s.ticketExternalId(),
					s.comment(), s.heardFrom(), s.respondedAt()));
		}
		return numbered;
	}

	/** Mostly promoters and passives, some detractors. */
	private int npsScore() {
		double roll = this.random.nextDouble();
		if (roll < 0.5) {
			return 9 + this.random.nextInt(2);
		}
		if (roll < 0.8) {
			return 7 + this.random.nextInt(2);
		}
		return this.random.nextInt(7);
	}

	// ------------------------------------------------------------------ small helpers

	private String company() {
		if (this.companyNames.isEmpty()) {
			throw new IllegalStateException("the story ran out of company names");
		}
		return this.companyNames.remove(this.companyNames.size() - 1);
	}

	private Money dealAmount(String segment) {
		int[] range = switch (segment) {
			case "ENTERPRISE" -> new int[] { 80_000, 300_000 };
			case "MID_MARKET" -> new int[] { 20_000, 80_000 };
			default -> new int[] { 4_000, 20_000 };
		};
		long hundreds = (range[0] + (long) (this.random.nextDouble() * (range[1] - range[0]))) / 100;
		return Money.ofCents(hundreds * 100 * 100, "USD");
	}

	/** Some deals close at a discount. */
	private Money finalAmount(Money amount) {
		return chance(0.3) ? scaled(amount, uniform(0.85, 0.95)) : null;
	}

	private static Money scaled(Money amount, double factor) {
		BigDecimal scaled = amount.amount().multiply(BigDecimal.valueOf(factor)).setScale(-2, RoundingMode.HALF_UP);
		return new Money(scaled.setScale(2, RoundingMode.UNNECESSARY).max(new BigDecimal("100.00")),
				amount.currency());
	}

	private int companySize(String segment) {
		return switch (segment) {
			case "ENTERPRISE" -> 2_000 + this.random.nextInt(48_000);
			case "MID_MARKET" -> 200 + this.random.nextInt(1_800);
			default -> 10 + this.random.nextInt(190);
		};
	}

	private int weightedRegion() {
		double roll = this.random.nextDouble();
		return roll < 0.45 ? 0 : roll < 0.85 ? 1 : 2;
	}

	private String weightedSegment() {
		double roll = this.random.nextDouble();
		return roll < 0.5 ? SEGMENTS[0] : roll < 0.82 ? SEGMENTS[1] : SEGMENTS[2];
	}

	private boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	private double uniform(double from, double to) {
		return from + this.random.nextDouble() * (to - from);
	}

	private <T> T pick(T[] values) {
		return values[this.random.nextInt(values.length)];
	}

	/** A random duration of whole minutes between {@code from} and {@code to} days. */
	private Duration days(int from, int to) {
		long minutes = from * 1440L + (long) (this.random.nextDouble() * (to - from) * 1440L);
		return Duration.ofMinutes(minutes);
	}

	/** A random whole-second instant in [from, to). */
	private Instant between(Instant from, Instant to) {
		long seconds = Duration.between(from, to).toSeconds();
		return from.plusSeconds(seconds <= 0 ? 0 : (long) (this.random.nextDouble() * seconds));
	}

	/** The instant if it is in the story's past, otherwise null: it has not happened yet. */
	private Instant past(Instant at) {
		return at.isBefore(this.end) ? at : null;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static LocalDate day(Instant at) {
		return at.atZone(ZoneOffset.UTC).toLocalDate();
	}

	private static int indexOf(String[] values, String value) {
		for (int i = 0; i < values.length; i++) {
			if (values[i].equals(value)) {
				return i;
			}
		}
		throw new IllegalArgumentException(value + " is not one of the story's values");
	}

	private static String pad(int number) {
		return String.format(Locale.ROOT, "%04d", number);
	}
}
