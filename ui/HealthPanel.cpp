#include "HealthPanel.h"

#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

namespace wt::ui {

HealthPanel::HealthPanel(QWidget* parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    // Group separators even in the C locale, where Qt omits them by default.
    m_locale.setNumberOptions(QLocale::DefaultNumberOptions);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Figure"), tr("Value")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}

QString HealthPanel::formatValue(double value, const QString& unit) const
{
    if (!std::isfinite(value))
        return QString::number(value);
    if (unit == QLatin1String("bytes")) {
        static const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
        QString text = m_locale.toString(static_cast<qlonglong>(value));
        double v = value;
        int i = -1;
        while (v >= 1024.0 && i < 3) {
            v /= 1024.0;
            ++i;
        }
        if (i >= 0)
            text += QStringLiteral(" (%1 %2)").arg(m_locale.toString(v, 'f', 1), QLatin1String(units[i]));
        return text;
    }
    if (unit == QLatin1String("seconds") && value >= 60) {
        const auto s = static_cast<qint64>(value);
        const QString t = s >= 3600 ? QStringLiteral("%1 h %2 min %3 s").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                                    : QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
        return t;
    }
    QString text = value == std::floor(value) && std::fabs(value) < 1e15 ? m_locale.toString(static_cast<qlonglong>(value))
                                                                           : m_locale.toString(value, 'f', 2);
    if (!unit.isEmpty())
        text += QLatin1Char(' ') + unit;
    return text;
}

void HealthPanel::setSnapshot(const wt::pipeline::HealthSnapshot& snapshot)
{
    // Rebuilt on each refresh (a few dozen rows); remember which sections the user collapsed.
    QStringList collapsed;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (!m_tree->topLevelItem(i)->isExpanded())
            collapsed << m_tree->topLevelItem(i)->text(0);
    }
    m_tree->clear();
    QHash<QString, QTreeWidgetItem*> sections;
    for (const auto& f : snapshot.families) {
        QTreeWidgetItem*& section = sections[f.section];
        if (!section) {
            section = new QTreeWidgetItem(m_tree, {f.section});
            QFont bold = section->font(0);
            bold.setBold(true);
            section->setFont(0, bold);
        }
        QString label = f.name;
        label.replace(QLatin1Char('_'), QLatin1Char(' '));
        if (f.series.empty()) {
            auto* row = new QTreeWidgetItem(section, {label, QStringLiteral("–")});
            row->setToolTip(0, f.help);
            continue;
        }
        for (const auto& s : f.series) {
            QString rowLabel = label;
            if (!s.labels.empty()) {
                QStringList parts;
                for (const auto& [k, v] : s.labels)
                    parts << k + QLatin1Char('=') + v;
                rowLabel += QStringLiteral(" [") + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
            }
            auto* row = new QTreeWidgetItem(section, {rowLabel, formatValue(s.value, f.unit)});
            row->setToolTip(0, f.help);
            row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    for (auto* section : sections)
        section->setExpanded(!collapsed.contains(section->text(0)));
}

QString HealthPanel::valueText(const QString& section, const QString& row) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* s = m_tree->topLevelItem(i);
        if (s->text(0) != section)
            continue;
        for (int j = 0; j < s->childCount(); ++j) {
            if (s->child(j)->text(0) == row)
                return s->child(j)->text(1);
        }
    }
    return {};
}

} // namespace wt::ui
