#include "analytics/KeywordMonitor.h"

#include <algorithm>

namespace wt::analytics {

namespace {
constexpr auto kOptions =
    QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

bool isRegex(const QString& p)
{
    return p.size() >= 2 && p.startsWith(QLatin1Char('/')) && p.endsWith(QLatin1Char('/'));
}

QRegularExpression compile(const QString& p)
{
    if (isRegex(p))
        return QRegularExpression(p.mid(1, p.size() - 2), kOptions);
    return QRegularExpression(QRegularExpression::escape(p), kOptions);
}

QString fromView(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace

QString KeywordMonitor::validate(const QString& pattern)
{
    if (pattern.trimmed().isEmpty())
        return QStringLiteral("empty pattern");
    if (pattern == QLatin1String("//"))
        return QStringLiteral("empty regular expression");
    const QRegularExpression re = compile(pattern);
    if (!re.isValid())
        return QStringLiteral("invalid regular expression at offset %1: %2")
            .arg(re.patternErrorOffset())
            .arg(re.errorString());
    if (re.match(QString()).hasMatch())
        return QStringLiteral("the expression matches empty text, so it would match everything");
    return {};
}

std::vector<std::pair<QString, QString>> KeywordMonitor::setPatterns(const QStringList& patterns)
{
    std::vector<std::pair<QString, QString>> rejected;
    m_patterns.clear();
    m_active.clear();
    m_hits.clear();
    for (const QString& p : patterns) {
        Pattern pat;
        pat.stat.pattern = p.toStdString();
        const QString error = validate(p);
        if (!error.isEmpty()) {
            pat.stat.valid = false;
            pat.stat.error = error.toStdString();
            rejected.emplace_back(p, error);
        } else if (m_active.size() >= kMaxPatterns) {
            pat.stat.valid = false;
            pat.stat.error = "more than 32 patterns: not counted";
            rejected.emplace_back(p, QString::fromStdString(pat.stat.error));
        } else {
            pat.regex = compile(p);
            pat.regex.optimize();
            pat.bit = static_cast<int>(m_active.size());
            m_active.push_back(m_patterns.size());
        }
        m_patterns.push_back(std::move(pat));
    }
    m_counts.assign(m_active.size(), 0);
    return rejected;
}

std::uint64_t KeywordMonitor::match(std::string_view title, std::string_view comment,
                                    std::string_view user)
{
    if (m_active.empty())
        return 0;
    const QString t = fromView(title);
    const QString c = fromView(comment);
    const QString u = fromView(user);
    std::uint64_t mask = 0;
    for (std::size_t bit = 0; bit < m_active.size(); ++bit) {
        const QRegularExpression& re = m_patterns[m_active[bit]].regex;
        if (re.match(t).hasMatch() || (!c.isEmpty() && re.match(c).hasMatch()) ||
            re.match(u).hasMatch())
            mask |= std::uint64_t(1) << bit;
    }
    return mask;
}

void KeywordMonitor::adjust(std::uint64_t mask, int sign)
{
    while (mask) {
        const int bit = __builtin_ctzll(mask);
        mask &= mask - 1;
        m_counts[bit] += sign;
    }
}

void KeywordMonitor::resetCounts() { std::fill(m_counts.begin(), m_counts.end(), 0); }

const char* KeywordMonitor::fieldOf(int bit, std::string_view title,
                                    std::string_view comment) const
{
    const QRegularExpression& re = m_patterns[m_active[bit]].regex;
    if (re.match(fromView(title)).hasMatch())
        return "title";
    if (!comment.empty() && re.match(fromView(comment)).hasMatch())
        return "comment";
    return "user";
}

void KeywordMonitor::recordHits(std::uint64_t mask, std::int64_t timeMs, std::string_view wiki,
                                std::string_view title, std::string_view user,
                                std::string_view comment, const std::string& diffUrl)
{
    while (mask) {
        const int bit = __builtin_ctzll(mask);
        mask &= mask - 1;
        KeywordHit hit;
        hit.timeMs = timeMs;
        hit.keyword = m_patterns[m_active[bit]].stat.pattern;
        hit.wiki = wiki;
        hit.title = title;
        hit.user = user;
        hit.comment = comment;
        hit.diffUrl = diffUrl;
        hit.field = fieldOf(bit, title, comment);
        m_hits.push_back(std::move(hit));
        while (m_hits.size() > m_hitCap)
            m_hits.pop_front();
    }
}

std::vector<KeywordStat> KeywordMonitor::stats() const
{
    std::vector<KeywordStat> out;
    out.reserve(m_patterns.size());
    for (const Pattern& p : m_patterns) {
        KeywordStat s = p.stat;
        s.hits = p.bit >= 0 ? m_counts[p.bit] : 0;
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<KeywordHit> KeywordMonitor::hitsSince(std::int64_t fromMs) const
{
    std::vector<KeywordHit> out;
    for (auto it = m_hits.rbegin(); it != m_hits.rend(); ++it)
        if (it->timeMs >= fromMs)
            out.push_back(*it);
    std::stable_sort(out.begin(), out.end(),
                     [](const KeywordHit& a, const KeywordHit& b) { return a.timeMs > b.timeMs; });
    return out;
}

} // namespace wt::analytics
