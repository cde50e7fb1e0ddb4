#pragma once
// Settings of the analytics engine: the view filter and the window sizes. Plain values, copied
// from the UI/app thread to the analytics thread through queued slots.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <QMetaType>

namespace wt::analytics {

// The view filter. It applies to everything the dashboard shows over the lookback (KPIs,
// traffic, namespaces, action types, leaderboards, histogram, recent edits). It does NOT apply
// to closed minutes (storage keeps the whole stream), to late counts, nor to the keyword
// monitor (the watch list watches the whole stream, whatever the view shows).
struct Filter {
    bool includeBots = true;
    bool includeHumans = true;
    std::vector<std::int32_t> namespaces; // empty = all
    std::uint8_t typeMask = 0x3f;         // bit (1 << EditType) per accepted action type
    // Globs with '*' and '?' matched (ASCII case-insensitively) against the wiki database name
    // ("enwiki") and the server name ("en.wikipedia.org"); either matching is a match.
    std::vector<std::string> wikiPatterns; // empty = all wikis
    bool excludeWikis = false;             // true: the patterns name wikis to hide
    std::int32_t minAbsDelta = 0;          // |byte change| must be >= this

    bool operator==(const Filter&) const = default;
};

struct AnalyticsConfig {
    std::int64_t lookbackMs = 15 * 60 * 1000;
    std::int64_t latenessMs = 2 * 60 * 1000; // fixed for the engine's life (--lateness)
    int refreshMs = 1000;
    int topN = 20;
    std::size_t recentCap = 5000;
    std::size_t keywordHitCap = 200;
    std::size_t closedMinuteCap = 180; // closed minutes kept for snapshots (3 h)
    Filter filter;
    std::vector<std::string> keywords;
};

inline constexpr std::int64_t kMinLookbackMs = 60 * 1000;
inline constexpr std::int64_t kMaxLookbackMs = 3 * 60 * 60 * 1000;
inline constexpr int kMinRefreshMs = 100;
inline constexpr int kMaxRefreshMs = 60 * 1000;
inline constexpr int kMinTopN = 5;
inline constexpr int kMaxTopN = 100;
inline constexpr std::int64_t kMaxLatenessMs = 60 * 60 * 1000;

} // namespace wt::analytics

Q_DECLARE_METATYPE(wt::analytics::Filter)
