#include "AlertRulesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace wt::ui {

using alert::AlertRule;
using alert::RuleKind;

namespace {
QDoubleSpinBox* doubleBox(QWidget* parent, double min, double max, double step)
{
    auto* b = new QDoubleSpinBox(parent);
    b->setRange(min, max);
    b->setSingleStep(step);
    b->setDecimals(2);
    return b;
}
QSpinBox* intBox(QWidget* parent, int min, int max, const QString& suffix = {})
{
    auto* b = new QSpinBox(parent);
    b->setRange(min, max);
    b->setSuffix(suffix);
    return b;
}
} // namespace

AlertRulesDialog::AlertRulesDialog(QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_bots(new QCheckBox(tr("Count bot edits"), this))
    , m_wiki(new QLineEdit(this))
    , m_pages(new QStackedWidget(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Alert rules"));
    m_kind->addItem(tr("Keyword hit"), int(RuleKind::Keyword));
    m_kind->addItem(tr("Surge on a page or wiki"), int(RuleKind::Surge));
    m_kind->addItem(tr("Stream velocity spike or drop"), int(RuleKind::Velocity));
    m_wiki->setPlaceholderText(tr("every wiki (or e.g. enwiki)"));

    auto* keyword = new QWidget(m_pages);
    auto* kf = new QFormLayout(keyword);
    m_pattern = new QLineEdit(keyword);
    m_pattern->setObjectName(QStringLiteral("pattern"));
    m_pattern->setPlaceholderText(tr("regular expression, case-insensitive"));
    m_title = new QCheckBox(tr("Title"), keyword);
    m_comment = new QCheckBox(tr("Comment"), keyword);
    m_user = new QCheckBox(tr("User"), keyword);
    auto* fields = new QHBoxLayout;
    fields->addWidget(m_title);
    fields->addWidget(m_comment);
    fields->addWidget(m_user);
    kf->addRow(tr("Pattern"), m_pattern);
    kf->addRow(tr("Look in"), fields);
    m_pages->addWidget(keyword);

    auto* surge = new QWidget(m_pages);
    auto* sf = new QFormLayout(surge);
    m_scope = new QComboBox(surge);
    m_scope->addItem(tr("Page"));
    m_scope->addItem(tr("Wiki"));
    m_minCount = intBox(surge, 1, 1000000, tr(" edits"));
    m_ratio = doubleBox(surge, 1.0, 1000.0, 0.5);
    sf->addRow(tr("Scope"), m_scope);
    sf->addRow(tr("At least, in 15 min"), m_minCount);
    sf->addRow(tr("Ratio to the hour before"), m_ratio);
    m_pages->addWidget(surge);

    auto* velocity = new QWidget(m_pages);
    auto* vf = new QFormLayout(velocity);
    m_short = intBox(velocity, 5, 3600, tr(" s"));
    m_baseline = intBox(velocity, 5, 3 * 3600, tr(" s"));
    m_spike = doubleBox(velocity, 0, 100, 0.5);
    m_drop = doubleBox(velocity, 0, 0.99, 0.05);
    m_minRate = doubleBox(velocity, 0, 100000, 0.5);
    m_spike->setSpecialValueText(tr("off"));
    m_drop->setSpecialValueText(tr("off"));
    vf->addRow(tr("Short window"), m_short);
    vf->addRow(tr("Baseline before it"), m_baseline);
    vf->addRow(tr("Spike at x baseline"), m_spike);
    vf->addRow(tr("Drop at x baseline"), m_drop);
    vf->addRow(tr("Minimum baseline (events/s)"), m_minRate);
    m_pages->addWidget(velocity);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(QString(), m_enabled);
    form->addRow(QString(), m_bots);
    form->addRow(tr("Wiki"), m_wiki);

    auto* add = new QPushButton(tr("Add"), this);
    auto* menu = new QMenu(add);
    for (int i = 0; i < m_kind->count(); ++i) {
        const auto kind = static_cast<RuleKind>(m_kind->itemData(i).toInt());
        menu->addAction(m_kind->itemText(i), this, [this, kind] { addRule(kind); });
    }
    add->setMenu(menu);
    auto* remove = new QPushButton(tr("Remove"), this);
    connect(remove, &QPushButton::clicked, this, &AlertRulesDialog::removeCurrentRule);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);
    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(m_pages);
    right->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AlertRulesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AlertRulesDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading)
            return;
        store(m_current);
        load(row);
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AlertRulesDialog::kindChanged);
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (m_current >= 0 && m_list->item(m_current))
            m_list->item(m_current)->setText(text);
    });
    setEnabled(true);
    load(-1);
}

void AlertRulesDialog::setRules(const std::vector<AlertRule>& rules)
{
    m_rules = rules;
    m_current = -1;
    refreshList();
    if (!m_rules.empty())
        m_list->setCurrentRow(0);
}

void AlertRulesDialog::refreshList()
{
    m_loading = true;
    m_list->clear();
    for (const AlertRule& r : m_rules)
        m_list->addItem(r.name);
    m_loading = false;
}

void AlertRulesDialog::addRule(RuleKind kind)
{
    store(m_current);
    AlertRule r;
    r.kind = kind;
    r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.name = tr("New rule");
    if (kind == RuleKind::Velocity)
        r.includeBots = true;
    m_rules.push_back(r);
    m_current = -1;
    refreshList();
    m_list->setCurrentRow(int(m_rules.size()) - 1);
}

void AlertRulesDialog::removeCurrentRule()
{
    if (m_current < 0 || m_current >= int(m_rules.size()))
        return;
    m_rules.erase(m_rules.begin() + m_current);
    const int next = qMin(m_current, int(m_rules.size()) - 1);
    m_current = -1;
    refreshList();
    m_list->setCurrentRow(next);
    if (next < 0)
        load(-1);
}

void AlertRulesDialog::load(int row)
{
    m_current = row;
    const bool valid = row >= 0 && row < int(m_rules.size());
    for (QWidget* w : std::initializer_list<QWidget*>{m_name, m_kind, m_enabled, m_bots, m_wiki, m_pages})
        w->setEnabled(valid);
    if (!valid)
        return;
    m_loading = true;
    const AlertRule& r = m_rules[std::size_t(row)];
    m_name->setText(r.name);
    m_kind->setCurrentIndex(m_kind->findData(int(r.kind)));
    m_enabled->setChecked(r.enabled);
    m_bots->setChecked(r.includeBots);
    m_wiki->setText(r.wikiFilter);
    m_pattern->setText(r.pattern);
    m_title->setChecked(r.fields & alert::Field::Title);
    m_comment->setChecked(r.fields & alert::Field::Comment);
    m_user->setChecked(r.fields & alert::Field::User);
    m_scope->setCurrentIndex(r.scope == alert::SurgeScope::Page ? 0 : 1);
    m_minCount->setValue(r.minCount);
    m_ratio->setValue(r.ratio);
    m_short->setValue(r.shortWindowSec);
    m_baseline->setValue(r.baselineSec);
    m_spike->setValue(r.spikeRatio);
    m_drop->setValue(r.dropRatio);
    m_minRate->setValue(r.minBaselineRate);
    m_pages->setCurrentIndex(m_kind->currentIndex());
    m_loading = false;
}

void AlertRulesDialog::store(int row)
{
    if (row < 0 || row >= int(m_rules.size()))
        return;
    AlertRule& r = m_rules[std::size_t(row)];
    r.name = m_name->text().trimmed();
    r.kind = static_cast<RuleKind>(m_kind->currentData().toInt());
    r.enabled = m_enabled->isChecked();
    r.includeBots = m_bots->isChecked();
    r.wikiFilter = m_wiki->text().trimmed();
    r.pattern = m_pattern->text();
    r.fields = (m_title->isChecked() ? alert::Field::Title : 0) | (m_comment->isChecked() ? alert::Field::Comment : 0)
        | (m_user->isChecked() ? alert::Field::User : 0);
    r.scope = m_scope->currentIndex() == 0 ? alert::SurgeScope::Page : alert::SurgeScope::Wiki;
    r.minCount = m_minCount->value();
    r.ratio = m_ratio->value();
    r.shortWindowSec = m_short->value();
    r.baselineSec = m_baseline->value();
    r.spikeRatio = m_spike->value();
    r.dropRatio = m_drop->value();
    r.minBaselineRate = m_minRate->value();
}

void AlertRulesDialog::kindChanged()
{
    m_pages->setCurrentIndex(m_kind->currentIndex());
}

QString AlertRulesDialog::errorText() const { return m_error->text(); }

bool AlertRulesDialog::validateAll()
{
    store(m_current);
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        const QString problem = m_rules[i].validate();
        if (!problem.isEmpty()) {
            m_list->setCurrentRow(int(i));
            m_error->setText(tr("Rule \"%1\": %2").arg(m_rules[i].name, problem));
            return false;
        }
    }
    m_error->clear();
    return true;
}

void AlertRulesDialog::accept()
{
    if (validateAll())
        QDialog::accept();
}

} // namespace wt::ui
