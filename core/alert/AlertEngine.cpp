#include "alert/AlertEngine.h"

#include <QUrl>
#include <algorithm>

namespace wt::alert {

using event::EditEvent;
using event::EditType;

namespace {

constexpr char kKeySep = '\n'; // page key = wiki + '\n' + title: never inside a wiki id or title

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

bool countsAsEdit(const EditEvent& e) { return e.type == EditType::Edit || e.type == EditType::New; }

QString pageSubject(const std::string& key)
{
    const auto pos = key.find(kKeySep);
    if (pos == std::string::npos)
        return QString::fromStdString(key);
    return QString::fromStdString(key.substr(0, pos)) + QLatin1Char(':')
        + QString::fromStdString(key.substr(pos + 1));
}

std::string wikiOfKey(const std::string& key) { return key.substr(0, key.find(kKeySep)); }

} // namespace

AlertEngine::AlertEngine(AlertEngineConfig config)
    : m_config(config)
    , m_pages(config.maxPages)
    , m_wikis(config.maxWikis)
    , m_throttle(config.cooldownMs, config.maxPerMinute)
    , m_secondHuman(kSeconds, 0)
    , m_secondBot(kSeconds, 0)
{
}

QStringList AlertEngine::setRules(const std::vector<AlertRule>& rules)
{
    QStringList errors;
    m_rules.clear();
    m_compiled.clear();
    m_active.clear();
    for (const AlertRule& rule : rules) {
        const QString problem = rule.validate();
        if (!problem.isEmpty()) {
            errors << QStringLiteral("rule \"%1\": %2").arg(rule.name, problem);
            continue;
        }
        m_rules.push_back(rule);
        if (!rule.enabled)
            continue;
        CompiledRule c;
        c.rule = rule;
        c.wiki = rule.wikiFilter.toStdString();
        if (rule.kind == RuleKind::Keyword) {
            c.regex = QRegularExpression(rule.pattern, QRegularExpression::CaseInsensitiveOption
                                                           | QRegularExpression::UseUnicodePropertiesOption);
            c.regex.optimize();
        }
        m_compiled.push_back(std::move(c));
    }
    return errors;
}

void AlertEngine::process(const event::EventBatch& batch, std::vector<Alert>& out)
{
    for (const EditEvent& e : batch) {
        if (!m_started) {
            m_started = true;
            m_startMs = e.timeMs;
            m_clockMs = e.timeMs;
            m_lastExpireMinute = floorDiv(e.timeMs, 60000);
        }
        const std::int64_t oldMinute = floorDiv(m_clockMs, 60000);
        const std::int64_t oldSecond = floorDiv(m_clockMs, 1000);
        m_clockMs = std::max(m_clockMs, e.timeMs);
        if (floorDiv(m_clockMs, 60000) != oldMinute)
            checkSurges(out); // evaluate what the finished minute touched before moving on
        if (floorDiv(m_clockMs, 1000) != oldSecond)
            checkVelocity(out);
        ++m_events;
        count(e);
        checkKeywords(e, out);
    }
    checkSurges(out);
    checkVelocity(out);
    const std::size_t before = out.size();
    m_throttle.flush(m_clockMs, out);
    m_alerts += out.size() - before;
}

void AlertEngine::advanceTo(std::int64_t nowMs, std::vector<Alert>& out)
{
    if (!m_started || nowMs <= m_clockMs)
        return;
    m_clockMs = nowMs;
    // Seconds with no events must read as zero, so move the ring forward.
    const std::int64_t sec = floorDiv(nowMs, 1000);
    if (sec > m_newestSecond) {
        const std::int64_t gap = std::min(sec - m_newestSecond, kSeconds);
        for (std::int64_t s = sec - gap + 1; s <= sec; ++s) {
            const auto i = static_cast<std::size_t>(s % kSeconds);
            m_secondHuman[i] = 0;
            m_secondBot[i] = 0;
        }
        m_newestSecond = sec;
    }
    checkSurges(out);
    checkVelocity(out);
    const std::size_t before = out.size();
    m_throttle.flush(m_clockMs, out);
    m_alerts += out.size() - before;
}

void AlertEngine::count(const EditEvent& e)
{
    const bool bot = e.has(event::Flag::Bot);
    const std::int64_t sec = floorDiv(e.timeMs, 1000);
    if (sec > m_newestSecond) {
        const std::int64_t gap = m_newestSecond < 0 ? kSeconds : std::min(sec - m_newestSecond, kSeconds);
        for (std::int64_t s = sec - gap + 1; s <= sec; ++s) {
            const auto i = static_cast<std::size_t>(((s % kSeconds) + kSeconds) % kSeconds);
            m_secondHuman[i] = 0;
            m_secondBot[i] = 0;
        }
        m_newestSecond = sec;
    }
    if (sec > m_newestSecond - kSeconds) {
        const auto i = static_cast<std::size_t>(((sec % kSeconds) + kSeconds) % kSeconds);
        ++(bot ? m_secondBot[i] : m_secondHuman[i]);
    }

    if (!e.serverName.empty() && m_servers.size() < m_config.maxWikis && !m_servers.contains(e.wiki))
        m_servers.emplace(e.wiki, e.serverName);
    if (!countsAsEdit(e) || e.wiki.empty())
        return;
    const std::int64_t minute = floorDiv(e.timeMs, 60000);
    std::string key;
    key.reserve(e.wiki.size() + 1 + e.title.size());
    key.append(e.wiki).push_back(kKeySep);
    key.append(e.title);
    m_pages.add(key, minute, bot);
    m_touchedPages.insert(std::move(key));
    m_wikis.add(e.wiki, minute, bot);
    m_touchedWikis.insert(e.wiki);
}

void AlertEngine::checkKeywords(const EditEvent& e, std::vector<Alert>& out)
{
    bool converted = false;
    QString title;
    QString comment;
    QString user;
    for (const CompiledRule& r : m_compiled) {
        if (r.rule.kind != RuleKind::Keyword)
            continue;
        if (!r.rule.includeBots && e.has(event::Flag::Bot))
            continue;
        if (!r.wiki.empty() && r.wiki != e.wiki)
            continue;
        if (!converted) {
            title = QString::fromStdString(e.title);
            comment = QString::fromStdString(e.comment);
            user = QString::fromStdString(e.user);
            converted = true;
        }
        const char* field = nullptr;
        QRegularExpressionMatch m;
        if ((r.rule.fields & Field::Title) && (m = r.regex.match(title)).hasMatch())
            field = "title";
        else if ((r.rule.fields & Field::Comment) && (m = r.regex.match(comment)).hasMatch())
            field = "comment";
        else if ((r.rule.fields & Field::User) && (m = r.regex.match(user)).hasMatch())
            field = "user";
        if (!field)
            continue;
        Alert a;
        a.timeMs = m_clockMs;
        a.ruleId = r.rule.id;
        a.ruleName = r.rule.name;
        a.kind = RuleKind::Keyword;
        a.subject = r.rule.pattern;
        a.reason = QStringLiteral("\"%1\" in the %2 of %3:%4 (%5 by %6)")
                       .arg(m.captured(0), QLatin1String(field), QString::fromStdString(e.wiki), title,
                            QLatin1String(event::editTypeName(e.type)), user);
        a.url = e.diffUrl.empty() ? pageUrl(e.wiki, e.title) : QString::fromStdString(e.diffUrl);
        raise(std::move(a), out);
    }
}

bool AlertEngine::surgeHolds(const CompiledRule& r, const std::string& key, MinuteCounter::Window* w) const
{
    const MinuteCounter& counter = r.rule.scope == SurgeScope::Page ? m_pages : m_wikis;
    *w = counter.window(key, floorDiv(m_clockMs, 60000), r.rule.includeBots);
    const double before15 = w->before / 4.0; // the hour before, per 15 minutes
    return w->recent >= static_cast<std::uint32_t>(r.rule.minCount) && w->recent >= r.rule.ratio * before15;
}

void AlertEngine::checkSurges(std::vector<Alert>& out)
{
    const std::int64_t minute = floorDiv(m_clockMs, 60000);
    if (minute != m_lastExpireMinute) {
        m_lastExpireMinute = minute;
        m_pages.expire(minute);
        m_wikis.expire(minute);
        recheckActive();
    }
    const bool warm = m_started && m_clockMs - m_startMs >= m_config.surgeWarmupMs;
    for (std::size_t i = 0; warm && i < m_compiled.size(); ++i) {
        const CompiledRule& r = m_compiled[i];
        if (r.rule.kind != RuleKind::Surge)
            continue;
        const bool page = r.rule.scope == SurgeScope::Page;
        // Sorted, so that notices come out in the same order for the same input.
        std::vector<const std::string*> keys;
        for (const std::string& k : page ? m_touchedPages : m_touchedWikis) {
            if (r.wiki.empty() || (page ? wikiOfKey(k) : k) == r.wiki)
                keys.push_back(&k);
        }
        std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
        for (const std::string* key : keys) {
            MinuteCounter::Window w;
            const std::string activeKey = std::to_string(i) + '\x1f' + *key;
            if (!surgeHolds(r, *key, &w)) {
                m_active.erase(activeKey);
                continue;
            }
            if (m_active.contains(activeKey))
                continue;
            if (m_active.size() < kMaxActive)
                m_active.emplace(activeKey, Active{i, *key});
            Alert a;
            a.timeMs = m_clockMs;
            a.ruleId = r.rule.id;
            a.ruleName = r.rule.name;
            a.kind = RuleKind::Surge;
            a.subject = page ? pageSubject(*key) : QString::fromStdString(*key);
            a.reason = QStringLiteral("%1: %2 edits in 15 min vs %3 in the hour before")
                           .arg(a.subject)
                           .arg(w.recent)
                           .arg(w.before);
            if (page) {
                const auto pos = key->find(kKeySep);
                a.url = pageUrl(key->substr(0, pos), key->substr(pos + 1));
            } else {
                a.url = pageUrl(*key, "Special:RecentChanges");
            }
            raise(std::move(a), out);
        }
    }
    m_touchedPages.clear();
    m_touchedWikis.clear();
}

void AlertEngine::recheckActive()
{
    for (auto it = m_active.begin(); it != m_active.end();) {
        const CompiledRule& r = m_compiled[it->second.rule];
        MinuteCounter::Window w;
        if (r.rule.kind == RuleKind::Surge && !surgeHolds(r, it->second.key, &w))
            it = m_active.erase(it);
        else
            ++it;
    }
}

std::int64_t AlertEngine::secondSum(std::int64_t fromSec, std::int64_t toSec, bool includeBots) const
{
    std::int64_t sum = 0;
    for (std::int64_t s = std::max(fromSec, m_newestSecond - kSeconds + 1); s < toSec && s <= m_newestSecond; ++s) {
        const auto i = static_cast<std::size_t>(((s % kSeconds) + kSeconds) % kSeconds);
        sum += m_secondHuman[i];
        if (includeBots)
            sum += m_secondBot[i];
    }
    return sum;
}

void AlertEngine::checkVelocity(std::vector<Alert>& out)
{
    const std::int64_t now = floorDiv(m_clockMs, 1000); // the current, unfinished second
    if (!m_started || now == m_lastVelocitySecond)
        return;
    m_lastVelocitySecond = now;
    const std::int64_t startSec = floorDiv(m_startMs, 1000);
    for (std::size_t i = 0; i < m_compiled.size(); ++i) {
        const CompiledRule& r = m_compiled[i];
        if (r.rule.kind != RuleKind::Velocity)
            continue;
        const std::int64_t shortFrom = now - r.rule.shortWindowSec;
        const std::int64_t baseFrom = shortFrom - r.rule.baselineSec;
        if (baseFrom < startSec)
            continue; // not enough history yet
        const double shortRate =
            static_cast<double>(secondSum(shortFrom, now, r.rule.includeBots)) / r.rule.shortWindowSec;
        const double baseRate =
            static_cast<double>(secondSum(baseFrom, shortFrom, r.rule.includeBots)) / r.rule.baselineSec;
        const bool meaningful = baseRate > 0 && baseRate >= r.rule.minBaselineRate;
        const bool spike = meaningful && r.rule.spikeRatio > 0 && shortRate >= r.rule.spikeRatio * baseRate;
        const bool drop = meaningful && r.rule.dropRatio > 0 && shortRate <= r.rule.dropRatio * baseRate;
        for (int dir = 0; dir < 2; ++dir) {
            const bool holds = dir == 0 ? spike : drop;
            const std::string activeKey = std::to_string(i) + (dir == 0 ? "\x1fspike" : "\x1f" "drop");
            if (!holds) {
                m_active.erase(activeKey);
                continue;
            }
            if (m_active.contains(activeKey))
                continue;
            m_active.emplace(activeKey, Active{i, {}});
            Alert a;
            a.timeMs = m_clockMs;
            a.ruleId = r.rule.id;
            a.ruleName = r.rule.name;
            a.kind = RuleKind::Velocity;
            a.subject = dir == 0 ? QStringLiteral("stream spike") : QStringLiteral("stream drop");
            a.reason = QStringLiteral("stream %1: %2 events/s over the last %3 s vs %4 events/s over the %5 min before")
                           .arg(dir == 0 ? QStringLiteral("spike") : QStringLiteral("drop"))
                           .arg(shortRate, 0, 'f', 2)
                           .arg(r.rule.shortWindowSec)
                           .arg(baseRate, 0, 'f', 2)
                           .arg(r.rule.baselineSec / 60.0, 0, 'g', 3);
            raise(std::move(a), out);
        }
    }
}

void AlertEngine::raise(Alert alert, std::vector<Alert>& out)
{
    if (!m_throttle.admit(alert))
        return;
    ++m_alerts;
    out.push_back(std::move(alert));
}

QString AlertEngine::pageUrl(const std::string& wiki, const std::string& title) const
{
    auto it = m_servers.find(wiki);
    if (it == m_servers.end())
        return {};
    QString path = QString::fromStdString(title);
    path.replace(QLatin1Char(' '), QLatin1Char('_'));
    return QStringLiteral("https://") + QString::fromStdString(it->second) + QStringLiteral("/wiki/")
        + QString::fromLatin1(QUrl::toPercentEncoding(path, "/:_()',!*"));
}

AlertEngineStats AlertEngine::stats() const
{
    AlertEngineStats s;
    s.events = m_events;
    s.alerts = m_alerts;
    s.suppressed = m_throttle.suppressed();
    s.suppressedGlobal = m_throttle.suppressedGlobal();
    s.pageEvictions = m_pages.evictions();
    s.wikiEvictions = m_wikis.evictions();
    s.tooOld = m_pages.tooOld();
    s.trackedPages = m_pages.size();
    s.trackedWikis = m_wikis.size();
    s.rules = m_compiled.size();
    return s;
}

} // namespace wt::alert
