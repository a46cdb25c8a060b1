package dev.pulsecrm.support;

import java.util.List;

import dev.pulsecrm.support.survey.SurveyResponse;
import dev.pulsecrm.support.ticket.Ticket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexes the queue, the list filters, the facts' period matches and externalId lookups rely on exist. */
@SupportServiceTest
class MongoIndexesTest {

	@Autowired
	MongoTemplate mongo;

	@Test
	void ticketAndSurveyIndexesAreCreatedAtStartup() {
		assertThat(names(Ticket.class)).contains("queue", "externalId", "createdAt", "firstResponseAt", "resolvedAt",
				"accountId", "assigneeId", "team");
		assertThat(names(SurveyResponse.class)).contains("externalId", "respondedAt", "accountId", "ticketId");
		assertThat(this.mongo.indexOps(Ticket.class).getIndexInfo()).filteredOn((index) -> index.getName().equals("externalId"))
			.singleElement()
			.satisfies((index) -> assertThat(index.isUnique()).isTrue());
	}

	private List<String> names(Class<?> type) {
		return this.mongo.indexOps(type).getIndexInfo().stream().map(IndexInfo::getName).toList();
	}
}
