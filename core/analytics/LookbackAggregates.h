#pragma once
// Everything counted over the lookback for the filtered view, kept incrementally: a record is
// add()ed when it enters the window and remove()d exactly when it leaves, so a snapshot reads
// totals and top-N without touching the retained events. Analytics thread only.

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analytics/EngagementHistogram.h"
#include "analytics/EventRecord.h"
#include "analytics/RankedCounter.h"

namespace wt::analytics {

struct WindowTotals {
    std::uint64_t events = 0;
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0; // positive
    std::uint64_t bots = 0;
    std::uint64_t anonymous = 0;  // not bot
    std::uint64_t temporary = 0;  // not bot, not anonymous
    std::uint64_t registered = 0; // the rest: registered humans
    std::uint64_t minor = 0;
    std::uint64_t major = 0; // edit or new, not minor
    std::uint64_t newPages = 0;
    std::array<std::uint64_t, 6> byType{};
};

struct WikiStat {
    std::uint64_t edits = 0;
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0;
};

struct UserStat {
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0;
    std::uint32_t botEdits = 0;   // > 0: shown as a bot
    std::uint32_t lastWikiId = 0; // wiki of the newest edit added (for the contributions link)
};

struct PageStat {
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0;
};

class LookbackAggregates {
public:
    void add(const EventRecord& r) { apply(r, +1); }
    void remove(const EventRecord& r) { apply(r, -1); }
    void clear();

    const WindowTotals& totals() const { return m_totals; }
    // Visits (namespace, events) for every namespace with events, in no particular order.
    template <typename Visit>
    void forEachNamespace(Visit&& visit) const
    {
        for (std::size_t i = 0; i < m_nsFlat.size(); ++i)
            if (m_nsFlat[i] != 0)
                visit(static_cast<std::int32_t>(i) + kNsFlatLow, m_nsFlat[i]);
        for (const auto& [ns, n] : m_nsOther)
            visit(ns, n);
    }
    const std::vector<WikiStat>& wikis() const { return m_wikis; }
    const std::vector<UserStat>& userStats() const { return m_userStats; }
    const std::vector<PageStat>& pageStats() const { return m_pageStats; }
    const RankedCounter& users() const { return m_users; }
    const RankedCounter& pages() const { return m_pages; }
    const EngagementHistogram& engagement() const { return m_engagement; }

private:
    void apply(const EventRecord& r, int sign);

    // Namespaces -2 .. 3069 (every real one) are counted in a flat array, others in a map.
    static constexpr std::int32_t kNsFlatLow = -2;
    static constexpr std::size_t kNsFlatSize = 3072;

    WindowTotals m_totals;
    std::vector<std::uint64_t> m_nsFlat = std::vector<std::uint64_t>(kNsFlatSize, 0);
    std::unordered_map<std::int32_t, std::uint64_t> m_nsOther;
    std::vector<WikiStat> m_wikis;     // by wiki id
    std::vector<UserStat> m_userStats; // by user id
    std::vector<PageStat> m_pageStats; // by page id
    RankedCounter m_users;
    RankedCounter m_pages;
    EngagementHistogram m_engagement;
};

} // namespace wt::analytics
