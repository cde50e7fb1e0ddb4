#include "alert/AlertRule.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QUuid>

namespace wt::alert {

const char* ruleKindName(RuleKind kind)
{
    switch (kind) {
    case RuleKind::Keyword: return "keyword";
    case RuleKind::Surge: return "surge";
    case RuleKind::Velocity: return "velocity";
    }
    return "keyword";
}

bool ruleKindFromName(const QString& name, RuleKind* out)
{
    for (RuleKind k : {RuleKind::Keyword, RuleKind::Surge, RuleKind::Velocity}) {
        if (name == QLatin1String(ruleKindName(k))) {
            *out = k;
            return true;
        }
    }
    return false;
}

QString AlertRule::validate() const
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("the rule needs a name");
    switch (kind) {
    case RuleKind::Keyword: {
        if (pattern.isEmpty())
            return QStringLiteral("the keyword pattern is empty");
        if ((fields & Field::All) == 0)
            return QStringLiteral("choose at least one of title, comment or user");
        QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption
                                           | QRegularExpression::UseUnicodePropertiesOption);
        if (!re.isValid())
            return QStringLiteral("invalid pattern \"%1\": %2 at offset %3")
                .arg(pattern, re.errorString())
                .arg(re.patternErrorOffset());
        if (re.match(QString()).hasMatch())
            return QStringLiteral("the pattern \"%1\" matches empty text, so it would match every edit")
                .arg(pattern);
        break;
    }
    case RuleKind::Surge:
        if (minCount < 1)
            return QStringLiteral("the minimum count must be at least 1");
        if (!(ratio >= 1.0))
            return QStringLiteral("the ratio must be at least 1");
        break;
    case RuleKind::Velocity:
        if (shortWindowSec < 5 || shortWindowSec > 3600)
            return QStringLiteral("the short window must be 5 to 3600 seconds");
        if (baselineSec < shortWindowSec || baselineSec > 3 * 3600)
            return QStringLiteral("the baseline must be at least the short window and at most 3 hours");
        if (spikeRatio != 0 && !(spikeRatio > 1.0))
            return QStringLiteral("the spike ratio must be above 1 (or 0 to turn it off)");
        if (dropRatio != 0 && !(dropRatio > 0 && dropRatio < 1.0))
            return QStringLiteral("the drop ratio must be between 0 and 1 (or 0 to turn it off)");
        if (spikeRatio == 0 && dropRatio == 0)
            return QStringLiteral("turn on spike or drop detection");
        if (!(minBaselineRate >= 0))
            return QStringLiteral("the minimum baseline rate cannot be negative");
        break;
    }
    return {};
}

QVariantMap AlertRule::toVariant() const
{
    QVariantMap m;
    m[QStringLiteral("id")] = id;
    m[QStringLiteral("name")] = name;
    m[QStringLiteral("kind")] = QString::fromLatin1(ruleKindName(kind));
    m[QStringLiteral("enabled")] = enabled;
    m[QStringLiteral("includeBots")] = includeBots;
    m[QStringLiteral("wiki")] = wikiFilter;
    switch (kind) {
    case RuleKind::Keyword: {
        m[QStringLiteral("pattern")] = pattern;
        QStringList f;
        if (fields & Field::Title)
            f << QStringLiteral("title");
        if (fields & Field::Comment)
            f << QStringLiteral("comment");
        if (fields & Field::User)
            f << QStringLiteral("user");
        m[QStringLiteral("fields")] = f;
        break;
    }
    case RuleKind::Surge:
        m[QStringLiteral("scope")] = scope == SurgeScope::Page ? QStringLiteral("page") : QStringLiteral("wiki");
        m[QStringLiteral("minCount")] = minCount;
        m[QStringLiteral("ratio")] = ratio;
        break;
    case RuleKind::Velocity:
        m[QStringLiteral("shortWindowSec")] = shortWindowSec;
        m[QStringLiteral("baselineSec")] = baselineSec;
        m[QStringLiteral("spikeRatio")] = spikeRatio;
        m[QStringLiteral("dropRatio")] = dropRatio;
        m[QStringLiteral("minBaselineRate")] = minBaselineRate;
        break;
    }
    return m;
}

namespace {

bool readNumber(const QVariantMap& map, const char* key, double* out, QString* error)
{
    auto it = map.constFind(QLatin1String(key));
    if (it == map.constEnd())
        return true;
    bool ok = false;
    double v = it->toDouble(&ok);
    if (!ok) {
        *error = QStringLiteral("\"%1\" is not a number").arg(QLatin1String(key));
        return false;
    }
    *out = v;
    return true;
}

bool readInt(const QVariantMap& map, const char* key, int* out, QString* error)
{
    double v = *out;
    if (!readNumber(map, key, &v, error))
        return false;
    if (v < -1e9 || v > 1e9) {
        *error = QStringLiteral("\"%1\" is out of range").arg(QLatin1String(key));
        return false;
    }
    *out = static_cast<int>(v);
    return true;
}

} // namespace

bool AlertRule::fromVariant(const QVariantMap& map, AlertRule* out, QString* error)
{
    QString dummy;
    QString& err = error ? *error : dummy;
    AlertRule r;
    const QString kindName = map.value(QStringLiteral("kind")).toString();
    if (!ruleKindFromName(kindName, &r.kind)) {
        err = QStringLiteral("unknown rule kind \"%1\"").arg(kindName);
        return false;
    }
    r.id = map.value(QStringLiteral("id")).toString();
    if (r.id.isEmpty())
        r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.name = map.value(QStringLiteral("name")).toString();
    r.enabled = map.value(QStringLiteral("enabled"), true).toBool();
    r.includeBots = map.value(QStringLiteral("includeBots"), false).toBool();
    r.wikiFilter = map.value(QStringLiteral("wiki")).toString().trimmed();
    r.pattern = map.value(QStringLiteral("pattern")).toString();
    if (map.contains(QStringLiteral("fields"))) {
        r.fields = 0;
        for (const QString& f : map.value(QStringLiteral("fields")).toStringList()) {
            if (f == QLatin1String("title"))
                r.fields |= Field::Title;
            else if (f == QLatin1String("comment"))
                r.fields |= Field::Comment;
            else if (f == QLatin1String("user"))
                r.fields |= Field::User;
            else {
                err = QStringLiteral("unknown field \"%1\"").arg(f);
                return false;
            }
        }
    }
    const QString scope = map.value(QStringLiteral("scope"), QStringLiteral("page")).toString();
    if (scope == QLatin1String("page"))
        r.scope = SurgeScope::Page;
    else if (scope == QLatin1String("wiki"))
        r.scope = SurgeScope::Wiki;
    else {
        err = QStringLiteral("unknown surge scope \"%1\"").arg(scope);
        return false;
    }
    if (!readInt(map, "minCount", &r.minCount, &err) || !readNumber(map, "ratio", &r.ratio, &err)
        || !readInt(map, "shortWindowSec", &r.shortWindowSec, &err)
        || !readInt(map, "baselineSec", &r.baselineSec, &err)
        || !readNumber(map, "spikeRatio", &r.spikeRatio, &err)
        || !readNumber(map, "dropRatio", &r.dropRatio, &err)
        || !readNumber(map, "minBaselineRate", &r.minBaselineRate, &err))
        return false;
    const QString problem = r.validate();
    if (!problem.isEmpty()) {
        err = QStringLiteral("rule \"%1\": %2").arg(r.name, problem);
        return false;
    }
    *out = std::move(r);
    return true;
}

QVariantList rulesToVariant(const std::vector<AlertRule>& rules)
{
    QVariantList list;
    for (const AlertRule& r : rules)
        list.append(r.toVariant());
    return list;
}

std::vector<AlertRule> rulesFromVariant(const QVariantList& list, QStringList* errors)
{
    std::vector<AlertRule> rules;
    for (const QVariant& v : list) {
        AlertRule r;
        QString error;
        if (AlertRule::fromVariant(v.toMap(), &r, &error))
            rules.push_back(std::move(r));
        else if (errors)
            errors->append(error);
    }
    return rules;
}

QJsonArray rulesToJson(const std::vector<AlertRule>& rules)
{
    return QJsonArray::fromVariantList(rulesToVariant(rules));
}

std::vector<AlertRule> rulesFromJson(const QJsonArray& array, QStringList* errors)
{
    return rulesFromVariant(array.toVariantList(), errors);
}

std::vector<AlertRule> defaultRules()
{
    AlertRule wikiSurge;
    wikiSurge.id = QStringLiteral("default-wiki-surge");
    wikiSurge.name = QStringLiteral("Wiki surge");
    wikiSurge.kind = RuleKind::Surge;
    wikiSurge.scope = SurgeScope::Wiki;
    wikiSurge.minCount = 200;
    wikiSurge.ratio = 3.0;

    AlertRule pageSurge;
    pageSurge.id = QStringLiteral("default-page-surge");
    pageSurge.name = QStringLiteral("Page surge");
    pageSurge.kind = RuleKind::Surge;
    pageSurge.scope = SurgeScope::Page;
    pageSurge.minCount = 20;
    pageSurge.ratio = 5.0;

    AlertRule velocity;
    velocity.id = QStringLiteral("default-velocity");
    velocity.name = QStringLiteral("Stream velocity");
    velocity.kind = RuleKind::Velocity;
    velocity.includeBots = true;

    return {wikiSurge, pageSurge, velocity};
}

} // namespace wt::alert
