#include "FilterDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

#include "event/EditEvent.h"

namespace wt::ui {

FilterDialog::FilterDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Filters"));
    auto* form = new QFormLayout;
    m_bots = new QCheckBox(tr("Bots"), this);
    m_humans = new QCheckBox(tr("Humans"), this);
    auto* who = new QHBoxLayout;
    who->addWidget(m_humans);
    who->addWidget(m_bots);
    who->addStretch();
    form->addRow(tr("Editors:"), who);

    m_namespaces = new QLineEdit(this);
    m_namespaces->setPlaceholderText(tr("all (or e.g. 0, 14, 120)"));
    m_namespaces->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("^\\s*(-?\\d+\\s*(,\\s*-?\\d+\\s*)*)?,?\\s*$")), this));
    form->addRow(tr("Namespaces:"), m_namespaces);

    auto* types = new QHBoxLayout;
    for (int t = 0; t < 6; ++t) {
        m_types[t] = new QCheckBox(QString::fromLatin1(event::editTypeName(event::EditType(t))), this);
        types->addWidget(m_types[t]);
    }
    form->addRow(tr("Action types:"), types);

    m_wikis = new QLineEdit(this);
    m_wikis->setPlaceholderText(tr("all (or e.g. enwiki, *wiktionary)"));
    m_exclude = new QCheckBox(tr("Leave these wikis out instead"), this);
    form->addRow(tr("Wikis:"), m_wikis);
    form->addRow(QString(), m_exclude);

    m_minDelta = new QSpinBox(this);
    m_minDelta->setRange(0, 10'000'000);
    m_minDelta->setSuffix(tr(" bytes"));
    m_minDelta->setGroupSeparatorShown(true);
    m_minDelta->setSpecialValueText(tr("any size"));
    form->addRow(tr("Minimum change (±):"), m_minDelta);

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Reset, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this,
            [this] { setFilter(analytics::Filter{}); });
    auto* box = new QVBoxLayout(this);
    box->addLayout(form);
    box->addWidget(buttons);
    setFilter(analytics::Filter{});
}

void FilterDialog::setFilter(const analytics::Filter& f)
{
    m_bots->setChecked(f.includeBots);
    m_humans->setChecked(f.includeHumans);
    QStringList ns;
    for (int n : f.namespaces)
        ns << QString::number(n);
    m_namespaces->setText(ns.join(QStringLiteral(", ")));
    for (int t = 0; t < 6; ++t)
        m_types[t]->setChecked((f.typeMask >> t) & 1u);
    QStringList wikis;
    for (const auto& w : f.wikiPatterns)
        wikis << QString::fromStdString(w);
    m_wikis->setText(wikis.join(QStringLiteral(", ")));
    m_exclude->setChecked(f.excludeWikis);
    m_minDelta->setValue(f.minAbsDelta);
}

analytics::Filter FilterDialog::filter() const
{
    analytics::Filter f;
    f.includeBots = m_bots->isChecked();
    f.includeHumans = m_humans->isChecked();
    for (const QString& part : m_namespaces->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (ok)
            f.namespaces.push_back(n);
    }
    f.typeMask = 0;
    for (int t = 0; t < 6; ++t)
        if (m_types[t]->isChecked())
            f.typeMask |= std::uint8_t(1u << t);
    if (f.typeMask == 0x3F)
        f.typeMask = 0xFF;
    for (const QString& part : m_wikis->text().split(QRegularExpression(QStringLiteral("[,\\s]+")),
                                                     Qt::SkipEmptyParts))
        f.wikiPatterns.push_back(part.toStdString());
    f.excludeWikis = m_exclude->isChecked();
    f.minAbsDelta = m_minDelta->value();
    return f;
}

QString FilterDialog::summary(const analytics::Filter& f)
{
    QStringList parts;
    if (!f.includeBots)
        parts << tr("no bots");
    if (!f.includeHumans)
        parts << tr("no humans");
    if (!f.namespaces.empty()) {
        QStringList ns;
        for (int n : f.namespaces)
            ns << QString::number(n);
        parts << tr("ns %1").arg(ns.join(QStringLiteral(", ")));
    }
    if ((f.typeMask & 0x3F) != 0x3F) {
        QStringList types;
        for (int t = 0; t < 6; ++t)
            if ((f.typeMask >> t) & 1u)
                types << QString::fromLatin1(event::editTypeName(event::EditType(t)));
        parts << (types.isEmpty() ? tr("no types") : types.join(QLatin1Char('/')));
    }
    if (!f.wikiPatterns.empty()) {
        QStringList wikis;
        for (const auto& w : f.wikiPatterns)
            wikis << QString::fromStdString(w);
        parts << (f.excludeWikis ? tr("not %1") : QStringLiteral("%1")).arg(wikis.join(QStringLiteral(", ")));
    }
    if (f.minAbsDelta > 0)
        parts << tr("±%1 B or more").arg(f.minAbsDelta);
    return parts.isEmpty() ? tr("everything") : parts.join(QStringLiteral(" · "));
}

} // namespace wt::ui
