#include "alert/MinuteCounter.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace wt::alert {

namespace {

std::size_t slot(std::int64_t minute)
{
    const std::int64_t m = minute % MinuteCounter::kMinutes;
    return static_cast<std::size_t>(m < 0 ? m + MinuteCounter::kMinutes : m);
}

void bump(std::uint16_t& cell)
{
    if (cell < std::numeric_limits<std::uint16_t>::max())
        ++cell;
}

} // namespace

MinuteCounter::MinuteCounter(std::size_t maxKeys)
    : m_maxKeys(std::max<std::size_t>(maxKeys, 1))
{
}

void MinuteCounter::add(const std::string& key, std::int64_t minute, bool bot)
{
    m_newestMinute = std::max(m_newestMinute, minute);
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (minute <= m_newestMinute - kMinutes) {
            ++m_tooOld;
            return;
        }
        if (m_entries.size() >= m_maxKeys)
            makeRoom(m_newestMinute);
        it = m_entries.emplace(key, Entry{}).first;
        it->second.lastMinute = minute;
    }
    Entry& e = it->second;
    if (minute > e.lastMinute) {
        // Clear the slots of the minutes skipped since the last count, at most the whole ring.
        const std::int64_t gap = std::min<std::int64_t>(minute - e.lastMinute, kMinutes);
        for (std::int64_t m = minute - gap + 1; m <= minute; ++m) {
            e.human[slot(m)] = 0;
            e.bot[slot(m)] = 0;
        }
        e.lastMinute = minute;
    } else if (minute <= e.lastMinute - kMinutes) {
        ++m_tooOld;
        return;
    }
    bump(bot ? e.bot[slot(minute)] : e.human[slot(minute)]);
}

MinuteCounter::Window MinuteCounter::window(const std::string& key, std::int64_t nowMinute,
                                            bool includeBots) const
{
    Window w;
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return w;
    const Entry& e = it->second;
    for (std::int64_t m = nowMinute - kMinutes + 1; m <= nowMinute; ++m) {
        // A slot holds minute m only if m is within the ring that ends at lastMinute.
        if (m > e.lastMinute || m <= e.lastMinute - kMinutes)
            continue;
        std::uint32_t n = e.human[slot(m)];
        if (includeBots)
            n += e.bot[slot(m)];
        if (m > nowMinute - kRecentMinutes)
            w.recent += n;
        else
            w.before += n;
    }
    return w;
}

void MinuteCounter::expire(std::int64_t nowMinute)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.lastMinute <= nowMinute - kMinutes) {
            it = m_entries.erase(it);
            ++m_expired;
        } else {
            ++it;
        }
    }
}

void MinuteCounter::makeRoom(std::int64_t nowMinute)
{
    expire(nowMinute);
    if (m_entries.size() < m_maxKeys)
        return;
    // Still full of active keys: drop the least recently active tenth in one pass, so a
    // stream of new keys costs one scan per tenth of the cap, not one per key.
    std::vector<std::int64_t> last;
    last.reserve(m_entries.size());
    for (const auto& [key, e] : m_entries)
        last.push_back(e.lastMinute);
    const std::size_t drop = std::max<std::size_t>(m_maxKeys / 10, 1);
    std::nth_element(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(drop - 1), last.end());
    const std::int64_t cutoff = last[drop - 1];
    std::size_t dropped = 0;
    for (auto it = m_entries.begin(); it != m_entries.end() && dropped < drop;) {
        if (it->second.lastMinute <= cutoff) {
            it = m_entries.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
    m_evictions += dropped;
}

} // namespace wt::alert
