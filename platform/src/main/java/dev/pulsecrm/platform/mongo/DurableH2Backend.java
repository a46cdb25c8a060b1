package dev.pulsecrm.platform.mongo;

import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 file backend of the local run, committed after every write command: H2 otherwise commits about once a
 * second, so a killed process lost writes it had already acknowledged. The commit writes the file without fsync —
 * it survives the process being killed, not the machine losing power. Queries on {@code _id} and more find the
 * document by its {@code _id} ({@link IdLookup}), and the unique indexes compare their keys without serializing them
 * ({@link H2KeyIndex}).
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

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getMvStore(), getCursorRegistry());
	}

	/** Inner, not static: H2Database's constructor opens existing collections before a field could be set. */
	final class Database extends H2Database {

		Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
			super(databaseName, store, cursorRegistry);
		}

		/** As {@link H2Database} opens a collection (same map names, so existing files open as before). */
		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			String fullName = getFullCollectionNamespace(collectionName);
			MVStore store = getMvStore();
			MVMap<Object, Document> data = store.openMap("databases." + fullName);
			MVMap<String, Object> meta = store.openMap("meta." + fullName);
			return new Collection(this, collectionName, options, data, meta, this.cursorRegistry);
		}

		/** As {@link H2Database} opens an index (same map name), with keys that compare cheaply ({@link H2KeyIndex}). */
		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			MVMap<Object, Object> map = getMvStore()
				.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName);
			return new H2KeyIndex(map, indexName, keys, sparse);
		}

	}

	static final class Collection extends H2Collection {

		Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
				MVMap<String, Object> meta, CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			Iterable<Object> byId = IdLookup.positions(getIndexes(), query);
			if (byId != null) {
				return matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize, fieldSelector);
			}
			var inIds = IdLookup.inPositions(getIndexes(), query);
			if (inIds != null) {
				return matchDocuments(new Document(), inIds, orderBy, numberToSkip, limit, batchSize, fieldSelector);
			}
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}


		@Override
		public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
				boolean multi, boolean upsert, Oplog oplog) {
			Document reply = InPlaceUpdate.apply(target(), selector, update, arrayFilters, upsert, oplog);
			return (reply != null) ? reply : super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
		}

		/** Collection stats' data size is not kept: it BSON-encoded the whole document on every update. */
		@Override
		protected boolean tracksDataSize() {
			return false;
		}

		/** The stored document is copied first: it may still be part of an older MVStore page a reader holds. */
		private InPlaceUpdate.Target<Object> target() {
			return new InPlaceUpdate.Target<>(getFullName(), getIndexes(), (position) -> new Document(getDocument(position)),
					this::documentMatchesQuery, (position, document) -> handleUpdate(position, document, document),
					this::addDocument);
		}

	}

}
