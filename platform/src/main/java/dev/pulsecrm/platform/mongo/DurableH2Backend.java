package dev.pulsecrm.platform.mongo;

import java.util.Set;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 file backend of the local run, committed after every write command: H2 otherwise commits about once a
 * second, so a killed process lost writes it had already acknowledged. The commit writes the file without fsync —
 * it survives the process being killed, not the machine losing power.
 */
class DurableH2Backend extends H2Backend {

	static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
			"dropindexes", "drop", "create");

	DurableH2Backend(String fileName) {
		super(fileName);
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		Document result = super.handleCommand(channel, database, command, query);
		if (WRITE_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT))) {
			commit();
		}
		return result;
	}
}
