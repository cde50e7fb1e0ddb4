#include "alert/AlertThrottle.h"

#include <algorithm>
#include <vector>

namespace wt::alert {

AlertThrottle::AlertThrottle(std::int64_t cooldownMs, int maxPerMinute, std::size_t maxKeys)
    : m_cooldownMs(std::max<std::int64_t>(cooldownMs, 0))
    , m_maxPerMinute(std::max(maxPerMinute, 1))
    , m_maxKeys(std::max<std::size_t>(maxKeys, 1))
{
}

bool AlertThrottle::takeGlobalSlot(std::int64_t nowMs)
{
    const std::int64_t minute = nowMs / 60000;
    if (minute != m_minute) {
        m_minute = minute;
        m_inMinute = 0;
    }
    if (m_inMinute >= m_maxPerMinute)
        return false;
    ++m_inMinute;
    return true;
}

bool AlertThrottle::admit(Alert& alert)
{
    const QString key = alert.ruleId + QChar(0x1f) + alert.subject;
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_maxKeys)
            expire(alert.timeMs);
        if (m_entries.size() >= m_maxKeys) {
            // No room to remember this subject: without a slot it would fire every time, so hold it.
            ++m_dropped;
            return false;
        }
        if (!takeGlobalSlot(alert.timeMs)) {
            ++m_suppressedGlobal;
            // Remember it as held back; its summary comes once the cooldown is over.
            Entry e;
            e.lastMs = alert.timeMs;
            e.pending = 1;
            e.last = alert;
            m_entries.emplace(key, std::move(e));
            return false;
        }
        Entry e;
        e.lastMs = alert.timeMs;
        m_entries.emplace(key, std::move(e));
        return true;
    }
    Entry& e = it->second;
    if (alert.timeMs - e.lastMs < m_cooldownMs) {
        ++e.pending;
        e.last = alert;
        ++m_suppressed;
        return false;
    }
    if (!takeGlobalSlot(alert.timeMs)) {
        ++e.pending;
        e.last = alert;
        ++m_suppressedGlobal;
        return false;
    }
    alert.suppressed = e.pending;
    e.pending = 0;
    e.lastMs = alert.timeMs;
    return true;
}

void AlertThrottle::flush(std::int64_t nowMs, std::vector<Alert>& out)
{
    // Keys in sorted order, so the same input gives the same output (hash order is not stable).
    std::vector<const QString*> due;
    for (const auto& [key, e] : m_entries) {
        if (e.pending > 0 && nowMs - e.lastMs >= m_cooldownMs)
            due.push_back(&key);
    }
    std::sort(due.begin(), due.end(), [](const QString* a, const QString* b) { return *a < *b; });
    for (const QString* key : due) {
        Entry& e = m_entries.find(*key)->second;
        if (!takeGlobalSlot(nowMs))
            break; // the rest waits for the next minute
        Alert summary = e.last;
        summary.timeMs = nowMs;
        summary.summary = true;
        summary.suppressed = e.pending;
        summary.reason = QStringLiteral("%1 more notice(s) suppressed in the last %2 min; latest: %3")
                             .arg(e.pending)
                             .arg(m_cooldownMs / 60000)
                             .arg(e.last.reason);
        out.push_back(std::move(summary));
        e.pending = 0;
        e.lastMs = nowMs;
    }
    expire(nowMs);
}

void AlertThrottle::expire(std::int64_t nowMs)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.pending == 0 && nowMs - it->second.lastMs >= m_cooldownMs)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

} // namespace wt::alert
