package dev.pulsecrm.platform.mongo;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/** The in-memory backend, with {@link IdLookup} for queries on {@code _id} and more. */
class IdLookupMemoryBackend extends MemoryBackend {

	@Override
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getCursorRegistry());
	}

	static final class Database extends MemoryDatabase {

		Database(String databaseName, CursorRegistry cursorRegistry) {
			super(databaseName, cursorRegistry);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
			return new Collection(this, collectionName, options, this.cursorRegistry);
		}

	}

	static final class Collection extends MemoryCollection {

		Collection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
				int batchSize, Document fieldSelector) {
			Iterable<Integer> byId = IdLookup.positions(getIndexes(), query);
			if (byId != null) {
				return matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize, fieldSelector);
			}
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}

	}

}
