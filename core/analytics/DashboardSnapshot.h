#pragma once
// The immutable picture the UI draws, built once per refresh tick on the analytics thread and
// handed over as shared_ptr<const DashboardSnapshot>. Strings are UTF-8; the UI converts what
// it shows. Nothing here points back into engine state.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <QMetaType>

#include "analytics/MinuteSummary.h"
#include "ingest/IngestCounters.h"

namespace wt::analytics {

struct Kpis {
    std::uint64_t events = 0;       // in the lookback, after filters
    double velocityNow = 0;         // events/s over the last 10 s of event time
    double velocityAvg = 0;         // events/s averaged over the lookback
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0;  // positive number
    std::int64_t bytesNet = 0;
    std::uint64_t bots = 0;
    std::uint64_t anonymous = 0;
    std::uint64_t temporary = 0;
    std::uint64_t registered = 0;   // registered humans
    std::uint64_t minor = 0;
    std::uint64_t major = 0;        // edits/new that are not minor
    std::uint64_t newPages = 0;
    std::uint64_t activeUsers = 0;  // distinct users
    std::uint64_t late = 0;         // events older than the watermark, counted not added (total)
};

struct LeaderRow {
    std::string key;       // wiki / language / project / user / page title
    std::string wiki;      // for pages and users: the wiki (pages are wiki + title)
    std::string label;     // optional display label (e.g. Wikidata label), may be empty
    std::uint64_t edits = 0;
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0;
    std::int64_t bytesNet = 0;
    bool bot = false;      // users: the account edits as a bot
    std::string url;       // page or contributions URL (https) when known
};

struct TrafficPoint {
    std::int64_t timeMs = 0; // start of the step
    std::uint32_t human = 0;
    std::uint32_t bot = 0;
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0;
};

struct HistogramBin {
    std::uint32_t minEdits = 0; // inclusive
    std::uint32_t maxEdits = 0; // inclusive
    std::uint64_t users = 0;
};

struct RecentEdit {
    std::int64_t timeMs = 0;
    std::int32_t delta = 0;
    std::uint16_t flags = 0; // event::Flag bits
    std::uint8_t type = 0;   // event::EditType
    std::string wiki;
    std::string title;
    std::string user;
    std::string diffUrl;
    std::string label;       // Wikidata label when known
};

struct KeywordStat {
    std::string pattern;
    std::uint64_t hits = 0; // over the lookback
    bool valid = true;
    std::string error;      // why an invalid pattern was refused
};

struct KeywordHit {
    std::int64_t timeMs = 0;
    std::string keyword;
    std::string wiki;
    std::string title;
    std::string user;
    std::string comment;
    std::string diffUrl;
    std::string field; // "title", "comment" or "user": where it matched
};

struct NamespaceCount {
    std::int32_t ns = 0;
    std::uint64_t events = 0;
};

struct DashboardSnapshot {
    std::uint64_t sequence = 0;
    std::int64_t clockMs = 0;      // engine clock: newest event time seen
    std::int64_t watermarkMs = 0;  // clock - allowed lateness
    std::int64_t lookbackMs = 0;
    std::int64_t wallMs = 0;       // wall clock when built

    Kpis kpis;
    std::array<std::uint64_t, 6> byType{}; // indexed by event::EditType
    std::vector<NamespaceCount> byNamespace; // descending by events, then ns ascending

    // Start full: before this time, traffic and totals came from stored minutes (history) rather
    // than raw events; 0 when nothing came from history. The UI marks that part.
    std::int64_t historyUntilMs = 0;
    std::uint64_t historyEvents = 0; // how many of kpis.events came from history

    std::int64_t trafficStepMs = 1000;
    std::vector<TrafficPoint> traffic; // oldest first, covering the lookback

    std::vector<LeaderRow> topWikis;
    std::vector<LeaderRow> topLanguages;
    std::vector<LeaderRow> topProjects;
    std::vector<LeaderRow> topPages;
    std::vector<LeaderRow> topUsers;

    std::vector<HistogramBin> engagement; // edits per user, logarithmic bins
    std::vector<RecentEdit> recent;       // newest last, at most the configured cap

    std::vector<KeywordStat> keywords;
    std::vector<KeywordHit> keywordHits; // newest first

    std::vector<MinuteSummaryPtr> closedMinutes; // the most recent closed minutes, oldest first

    ingest::IngestCounters ingest; // a copy at build time, for tiles and the status bar
};

using DashboardSnapshotPtr = std::shared_ptr<const DashboardSnapshot>;

} // namespace wt::analytics

Q_DECLARE_METATYPE(wt::analytics::DashboardSnapshotPtr)
