#pragma once
// The watch list ("blacklist"): keywords or regular expressions matched case-insensitively,
// Unicode-aware, against title, comment and user. It watches the whole stream (the view filter
// does not apply). An entry wrapped in slashes (/re/) is a regular expression; any other entry
// is a literal keyword. At most 32 patterns are counted. Analytics thread only.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include "analytics/DashboardSnapshot.h"

namespace wt::analytics {

class KeywordMonitor {
public:
    static constexpr std::size_t kMaxPatterns = 32;

    explicit KeywordMonitor(std::size_t hitCap) : m_hitCap(hitCap) {}

    // Empty when the pattern is usable, else why not.
    static QString validate(const QString& pattern);
    // Replaces the list; returns (pattern, error) for each refused entry. Counts and hits reset.
    std::vector<std::pair<QString, QString>> setPatterns(const QStringList& patterns);
    bool empty() const { return m_active.empty(); }

    // Bit i set: valid pattern i matched. *field gets where the first match was found.
    std::uint64_t match(std::string_view title, std::string_view comment, std::string_view user);
    void enter(std::uint64_t mask) { adjust(mask, +1); }
    void leave(std::uint64_t mask) { adjust(mask, -1); }
    void resetCounts();

    // Records hits of one event (newest kept, at most hitCap).
    void recordHits(std::uint64_t mask, std::int64_t timeMs, std::string_view wiki,
                    std::string_view title, std::string_view user, std::string_view comment,
                    const std::string& diffUrl);
    void clearHits() { m_hits.clear(); }

    std::vector<KeywordStat> stats() const;
    // Hits at or after fromMs, newest first.
    std::vector<KeywordHit> hitsSince(std::int64_t fromMs) const;

private:
    struct Pattern {
        KeywordStat stat;
        QRegularExpression regex;
        int bit = -1; // -1: invalid or beyond kMaxPatterns
    };
    void adjust(std::uint64_t mask, int sign);
    const char* fieldOf(int bit, std::string_view title, std::string_view comment) const;

    std::size_t m_hitCap;
    std::vector<Pattern> m_patterns;   // in list order, valid or not
    std::vector<std::size_t> m_active; // index into m_patterns per bit
    std::vector<std::uint64_t> m_counts; // per bit
    std::deque<KeywordHit> m_hits;       // arrival order, newest last
};

} // namespace wt::analytics
