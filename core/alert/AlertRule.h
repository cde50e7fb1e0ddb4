#pragma once
// A user-managed alert rule (keyword hit, surge on a page or wiki, stream velocity change) and
// its persistence as a QVariantMap / JSON. Plain value type: built on the UI thread, copied to
// the analytics thread by the AlertMonitor.

#include <QJsonArray>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <cstdint>
#include <vector>

namespace wt::alert {

enum class RuleKind : std::uint8_t { Keyword, Surge, Velocity };

const char* ruleKindName(RuleKind kind);
bool ruleKindFromName(const QString& name, RuleKind* out);

// Fields a keyword rule looks at (bits of AlertRule::fields).
namespace Field {
inline constexpr std::uint8_t Title = 1u << 0;
inline constexpr std::uint8_t Comment = 1u << 1;
inline constexpr std::uint8_t User = 1u << 2;
inline constexpr std::uint8_t All = Title | Comment | User;
} // namespace Field

enum class SurgeScope : std::uint8_t { Page, Wiki };

struct AlertRule {
    QString id;         // stable, unique within the rule set (e.g. "surge-enwiki"); generated if empty
    QString name;       // what the user calls it
    RuleKind kind = RuleKind::Keyword;
    bool enabled = true;
    bool includeBots = false; // bots are excluded by default (surge, velocity and keyword alike)
    QString wikiFilter;       // only events of this wiki (e.g. "enwiki"); empty = every wiki

    // Keyword: a regular expression, matched case-insensitively with Unicode semantics.
    QString pattern;
    std::uint8_t fields = Field::All;

    // Surge: edits in the last 15 minutes against the 60 minutes before them.
    SurgeScope scope = SurgeScope::Page;
    int minCount = 20;   // at least this many edits in the last 15 minutes
    double ratio = 5.0;  // and at least ratio x the 15-minute average of the hour before

    // Velocity: events/s over the short window against the baseline window before it.
    int shortWindowSec = 60;
    int baselineSec = 900;
    double spikeRatio = 3.0;  // short >= spikeRatio x baseline; 0 turns spike detection off
    double dropRatio = 0.25;  // short <= dropRatio x baseline; 0 turns drop detection off
    double minBaselineRate = 0.5; // events/s the baseline needs before a drop or spike means anything

    // An empty string when the rule can run, else a message for the user (bad regex, bad numbers).
    QString validate() const;

    QVariantMap toVariant() const;
    // Missing keys take their defaults; unknown kinds or wrong values are refused with *error set.
    static bool fromVariant(const QVariantMap& map, AlertRule* out, QString* error);
};

// A rule set as it is stored (QSettings value or a JSON file).
QVariantList rulesToVariant(const std::vector<AlertRule>& rules);
// Invalid entries are skipped, each adds one line to *errors (when given).
std::vector<AlertRule> rulesFromVariant(const QVariantList& list, QStringList* errors = nullptr);
QJsonArray rulesToJson(const std::vector<AlertRule>& rules);
std::vector<AlertRule> rulesFromJson(const QJsonArray& array, QStringList* errors = nullptr);

// The rules a first start offers: a wiki surge, a page surge and a stream velocity rule.
std::vector<AlertRule> defaultRules();

} // namespace wt::alert
