#pragma once
// Evaluates the alert rules on batches of events in event time (its clock is the newest event
// time seen) and returns rate-limited notices. Plain class owned by the AlertMonitor on the
// analytics thread; not thread-safe.

#include <QRegularExpression>
#include <QStringList>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "alert/Alert.h"
#include "alert/AlertRule.h"
#include "alert/AlertThrottle.h"
#include "alert/MinuteCounter.h"
#include "event/EditEvent.h"

namespace wt::alert {

struct AlertEngineConfig {
    std::int64_t cooldownMs = 10 * 60 * 1000; // one notice per rule and subject per cooldown
    int maxPerMinute = 20;                    // and at most this many notices per minute in all
    std::size_t maxPages = 20000;             // page counters kept (about 320 bytes each)
    std::size_t maxWikis = 2000;
    // Surges need the hour before to be known: no surge notice until this much event time has
    // been seen (a cold start would otherwise make every active page look like a surge).
    std::int64_t surgeWarmupMs = 75 * 60 * 1000;
};

struct AlertEngineStats {
    std::uint64_t events = 0;
    std::uint64_t alerts = 0;            // notices raised (summaries included)
    std::uint64_t suppressed = 0;        // held back by the per rule+subject cooldown
    std::uint64_t suppressedGlobal = 0;  // held back by the per-minute cap
    std::uint64_t pageEvictions = 0;     // active page counters dropped because of the cap
    std::uint64_t wikiEvictions = 0;
    std::uint64_t tooOld = 0;            // events older than the 75-minute surge horizon
    std::uint64_t trackedPages = 0;
    std::uint64_t trackedWikis = 0;
    std::uint64_t rules = 0;             // active rules
};

class AlertEngine {
public:
    explicit AlertEngine(AlertEngineConfig config = {});

    // Replaces the rule set; rules that fail validation are skipped and described in the result.
    // Counters are kept, so a rule added later sees the history already counted.
    QStringList setRules(const std::vector<AlertRule>& rules);
    const std::vector<AlertRule>& rules() const { return m_rules; }

    void process(const event::EventBatch& batch, std::vector<Alert>& out);
    // Moves the clock without events (live mode: lets a stalled stream show as a velocity drop).
    void advanceTo(std::int64_t nowMs, std::vector<Alert>& out);

    std::int64_t clockMs() const { return m_clockMs; }
    AlertEngineStats stats() const;

private:
    struct CompiledRule {
        AlertRule rule;
        QRegularExpression regex;
        std::string wiki; // UTF-8 copy of rule.wikiFilter
    };

    void count(const event::EditEvent& e);
    void checkKeywords(const event::EditEvent& e, std::vector<Alert>& out);
    void checkSurges(std::vector<Alert>& out);
    bool surgeHolds(const CompiledRule& r, const std::string& key, MinuteCounter::Window* w) const;
    void recheckActive();
    void checkVelocity(std::vector<Alert>& out);
    void raise(Alert alert, std::vector<Alert>& out);
    std::int64_t secondSum(std::int64_t fromSec, std::int64_t toSec, bool includeBots) const;
    QString pageUrl(const std::string& wiki, const std::string& title) const;

    AlertEngineConfig m_config;
    std::vector<CompiledRule> m_compiled;
    std::vector<AlertRule> m_rules;
    MinuteCounter m_pages;
    MinuteCounter m_wikis;
    AlertThrottle m_throttle;

    // Events per second of event time, human and bot, for velocity rules (3 h + a margin).
    static constexpr std::int64_t kSeconds = 4 * 3600;
    std::vector<std::uint32_t> m_secondHuman;
    std::vector<std::uint32_t> m_secondBot;
    std::int64_t m_newestSecond = -1;
    std::int64_t m_lastVelocitySecond = -1;

    // Surge and velocity notices are edge-triggered: a condition that holds raises one notice
    // when it starts, and again only after it has ended. Key: rule index + '\x1f' + subject.
    struct Active {
        std::size_t rule = 0;
        std::string key; // counter key (page or wiki); empty for velocity
    };
    std::unordered_map<std::string, Active> m_active;
    static constexpr std::size_t kMaxActive = 10000;

    std::unordered_set<std::string> m_touchedPages;
    std::unordered_set<std::string> m_touchedWikis;
    std::unordered_map<std::string, std::string> m_servers; // wiki -> server name, for URLs

    std::int64_t m_clockMs = 0;
    std::int64_t m_startMs = 0;
    bool m_started = false;
    std::uint64_t m_events = 0;
    std::uint64_t m_alerts = 0;
    std::int64_t m_lastExpireMinute = 0;
};

} // namespace wt::alert
