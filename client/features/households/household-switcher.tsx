import type { HouseholdSummary } from '../../../shared/types';
import { Logo } from '../../components/logo';

const ADD = '__add__';

/** The household's name in the header, doubling as the switch between households (a native select: easy on phones). */
export function HouseholdSwitcher({
  households,
  currentId,
  onSwitch,
  onAdd,
}: {
  households: HouseholdSummary[];
  currentId: string;
  onSwitch: (householdId: string) => void;
  onAdd: () => void;
}) {
  return (
    <div className="household-switcher">
      <Logo size={28} />
      <select
        className="household-switcher__select"
        aria-label="Household"
        value={currentId}
        onChange={(event) => (event.target.value === ADD ? onAdd() : onSwitch(event.target.value))}
      >
        {households.map((household) => (
          <option key={household.id} value={household.id}>
            {household.name}
          </option>
        ))}
        <option value={ADD}>＋ Add a household…</option>
      </select>
    </div>
  );
}
