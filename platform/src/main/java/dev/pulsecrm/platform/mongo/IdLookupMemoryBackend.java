package dev.pulsecrm.platform.mongo;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

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

		/** Stored with its field names (and short strings) shared with every other document's: see {@link Interned}. */
		@Override
		protected Integer addDocumentInternal(Document document) {
			return super.addDocumentInternal(Interned.document(document));
		}

		/** Collection stats' data size is not kept: it BSON-encoded the whole document on every update. */
		@Override
		protected boolean tracksDataSize() {
			return false;
		}

		private InPlaceUpdate.Target<Integer> target() {
			return new InPlaceUpdate.Target<>(getFullName(), getIndexes(), this::getDocument, this::documentMatchesQuery,
					(position, document) -> handleUpdate(position, document, document), this::addDocument);
		}

	}

}
