#pragma once
// Turns the aggregator's incremental state into one immutable DashboardSnapshot. Reads only
// maps, counters and at most recentCap retained records: its cost does not grow with the
// window (except leaderboard ties, see topIds). Analytics thread only.
//
// Leaderboard order (all boards, deterministic): edits descending, then key ascending by bytes
// (UTF-8 byte order). Keys: wiki database name; language code; project name; page = wiki, '\n',
// title (so pages tie-break by wiki, then title); user name. Users are counted by name across
// wikis (global accounts); a user row's `wiki` is the wiki of their newest edit seen.

#include <cstdint>
#include <vector>

#include "analytics/DashboardSnapshot.h"
#include "analytics/EventTimeAggregator.h"
#include "analytics/HistoryFill.h"
#include "analytics/WikidataLabels.h"
#include "ingest/IngestCounters.h"

namespace wt::analytics {

class SnapshotBuilder {
public:
    struct Options {
        int topN = 20;
        std::size_t recentCap = 5000;
        std::uint64_t sequence = 0;
        std::int64_t wallMs = 0;
        // Wikidata labels for Q-id titles of top pages and recent edits (none when null). Q-ids
        // without a cached label are appended to wantedQids (top pages first, then recent
        // edits newest first); the views point into the built snapshot.
        WikidataLabels* labels = nullptr;
        std::vector<std::string_view>* wantedQids = nullptr;
        // Start full: stored minutes for the part of the lookback without raw events.
        const HistoryFill* history = nullptr;
    };

    static DashboardSnapshotPtr build(const EventTimeAggregator& agg, const Options& options,
                                      const ingest::IngestCounters& ingest);
    // Traffic step for a lookback: the smallest of 1, 5, 10, 15, 30, 60, 120, 300, 600 s that
    // keeps the series at or under 1,200 points.
    // Fills LeaderRow::label / RecentEdit::label of Wikidata items from o.labels.
    static void applyLabels(DashboardSnapshot& s, const Options& o);
    static std::int64_t trafficStepSeconds(std::int64_t lookbackSeconds);
    // The n highest ids of a ranked counter, in leaderboard order.
    template <typename KeyOf>
    static std::vector<std::uint32_t> topIds(const RankedCounter& counter, std::size_t n,
                                             KeyOf keyOf);
};

} // namespace wt::analytics
