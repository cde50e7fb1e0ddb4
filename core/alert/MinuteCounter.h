#pragma once
// Per-key edit counts per minute of event time over the last 75 minutes (the 15-minute surge
// window plus the hour before it), bounded in keys. Lives inside the AlertEngine on the
// analytics thread; not thread-safe.

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace wt::alert {

class MinuteCounter {
public:
    static constexpr int kRecentMinutes = 15;
    static constexpr int kBeforeMinutes = 60;
    static constexpr int kMinutes = kRecentMinutes + kBeforeMinutes;

    struct Window {
        std::uint32_t recent = 0; // the last 15 minutes, the current minute included
        std::uint32_t before = 0; // the 60 minutes preceding those 15
    };

    explicit MinuteCounter(std::size_t maxKeys);

    // minute = event time in ms / 60,000. Counts for minutes older than the key's 75-minute
    // ring are ignored and counted in tooOld().
    void add(const std::string& key, std::int64_t minute, bool bot);
    Window window(const std::string& key, std::int64_t nowMinute, bool includeBots) const;
    // Forgets keys without an edit in the last 75 minutes (normal expiry, not an eviction).
    void expire(std::int64_t nowMinute);

    std::size_t size() const { return m_entries.size(); }
    std::size_t maxKeys() const { return m_maxKeys; }
    std::uint64_t evictions() const { return m_evictions; } // active keys dropped by the cap
    std::uint64_t expired() const { return m_expired; }
    std::uint64_t tooOld() const { return m_tooOld; }

private:
    struct Entry {
        std::int64_t lastMinute = 0; // newest minute with a count in the ring
        std::array<std::uint16_t, kMinutes> human{};
        std::array<std::uint16_t, kMinutes> bot{};
    };

    void makeRoom(std::int64_t nowMinute);

    std::unordered_map<std::string, Entry> m_entries;
    std::size_t m_maxKeys;
    std::int64_t m_newestMinute = 0;
    std::uint64_t m_evictions = 0;
    std::uint64_t m_expired = 0;
    std::uint64_t m_tooOld = 0;
};

} // namespace wt::alert
