#include "export/CsvWriter.h"

#include <QDateTime>
#include <QTimeZone>

#include <charconv>
#include <cstdio>

namespace wt::exporter {

std::string CsvWriter::escape(std::string_view value)
{
    std::string cell;
    if (!value.empty()) {
        const char c = value.front();
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
            cell.push_back('\''); // neutralise a would-be formula
    }
    cell.append(value);
    if (cell.find_first_of(",\"\r\n") == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"')
            quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

std::string CsvWriter::isoTime(std::int64_t utcMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc());
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")).toStdString();
}

CsvWriter& CsvWriter::raw(std::string_view cell)
{
    if (m_rowStarted)
        m_data.push_back(',');
    m_rowStarted = true;
    m_data.append(cell);
    return *this;
}

CsvWriter& CsvWriter::text(std::string_view value) { return raw(escape(value)); }

CsvWriter& CsvWriter::number(std::int64_t value)
{
    char buf[24];
    return raw(std::string_view(buf, std::to_chars(buf, buf + sizeof buf, value).ptr - buf));
}

CsvWriter& CsvWriter::number(std::uint64_t value)
{
    char buf[24];
    return raw(std::string_view(buf, std::to_chars(buf, buf + sizeof buf, value).ptr - buf));
}

CsvWriter& CsvWriter::number(double value)
{
    char buf[32];
    const int n = std::snprintf(buf, sizeof buf, "%.3f", value);
    return raw(std::string_view(buf, static_cast<std::size_t>(n)));
}

CsvWriter& CsvWriter::time(std::int64_t utcMs) { return raw(isoTime(utcMs)); }

void CsvWriter::endRow()
{
    m_data.append("\r\n");
    m_rowStarted = false;
}

} // namespace wt::exporter
