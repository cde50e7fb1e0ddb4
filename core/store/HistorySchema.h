#pragma once
// The history database's schema and its forward migrations (PRAGMA user_version). Runs on the
// storage thread while the database is opened.

#include <array>
#include <string>

#include <sqlite3.h>

#include "analytics/MinuteSummary.h"
#include "store/SqliteStatement.h"

namespace wt::store::schema {

inline constexpr int kCurrentVersion = 4;

// Versions: 1 = totals and per-wiki rows; 2 = per action type columns and the Wikidata label
// cache; 3 = per-wiki minutes and hours as one packed blob per minute/hour (WikiCountsCodec),
// so writing 1,000 wikis costs one row, not 1,000; 4 = store_state (the newest hour's per-wiki
// rollup is kept in memory, and the hour it may be stale for is marked there until written).
// The counter columns of the total tables, in MinuteCounts order (per-type since version 2).
inline constexpr std::array<const char*, 15> kCountColumns = {
    "events", "bots", "anonymous", "temporary", "registered", "bytes_added", "bytes_removed",
    "new_pages", "type_edit", "type_new", "type_log", "type_categorize", "type_external",
    "type_other", "late"};

// "events, bots, ..." optionally with a prefix per column ("m.events, m.bots, ...").
std::string columnList(const char* prefix = "");

// Binds the 15 counters at parameters first..first+14.
void bindCounts(SqliteStatement& st, int first, const analytics::MinuteCounts& c);
// Reads the 15 counters from columns first..first+14.
analytics::MinuteCounts readCounts(const SqliteStatement& st, int first);
// Adds b into a.
void addCounts(analytics::MinuteCounts& a, const analytics::MinuteCounts& b);

int userVersion(sqlite3* db);

// Brings the database from its version up to kCurrentVersion, one step per transaction.
// A database newer than this program is refused (never downgraded).
DbResult migrate(sqlite3* db);

// The exact version-1 schema, kept so tests can build an old database by hand.
const char* version1Sql();

} // namespace wt::store::schema
