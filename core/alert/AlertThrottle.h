#pragma once
// Rate limiting of alert notices: at most one per rule and subject per cooldown, and a global
// cap per minute, so a storm gives one notice and then one summary with the suppressed count.
// Event time throughout. Lives inside the AlertEngine on the analytics thread.

#include <QString>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "alert/Alert.h"

namespace wt::alert {

class AlertThrottle {
public:
    AlertThrottle(std::int64_t cooldownMs, int maxPerMinute, std::size_t maxKeys = 10000);

    // True when the alert may be shown now; it then carries the count suppressed before it.
    // False: the alert is held back and counted towards the next notice of its rule and subject.
    bool admit(Alert& alert);
    // Summaries for every rule and subject whose cooldown is over with notices held back.
    void flush(std::int64_t nowMs, std::vector<Alert>& out);
    void clear() { m_entries.clear(); }

    std::uint64_t suppressed() const { return m_suppressed; }     // held back by the cooldown
    std::uint64_t suppressedGlobal() const { return m_suppressedGlobal; } // held back by the cap
    std::uint64_t dropped() const { return m_dropped; } // lost because the key map was full
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::int64_t lastMs = 0;   // when the last notice for this key went out
        std::uint64_t pending = 0; // held back since then
        Alert last;                // the latest held-back alert, the template of the summary
    };

    bool takeGlobalSlot(std::int64_t nowMs);
    void expire(std::int64_t nowMs);

    std::unordered_map<QString, Entry> m_entries;
    std::int64_t m_cooldownMs;
    int m_maxPerMinute;
    std::size_t m_maxKeys;
    std::int64_t m_minute = -1;
    int m_inMinute = 0;
    std::uint64_t m_suppressed = 0;
    std::uint64_t m_suppressedGlobal = 0;
    std::uint64_t m_dropped = 0;
};

} // namespace wt::alert
