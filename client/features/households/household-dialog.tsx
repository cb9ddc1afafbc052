import type { HouseholdWithPresence } from '../../../shared/types';
import { Dialog } from '../../components/dialog';
import { CategoryEditor } from './category-editor';
import { InviteSection } from './invite-section';
import { LeaveSection } from './leave-section';
import { PushSection } from './push-section';
import { RenameHouseholdForm } from './rename-household-form';

/** Inviting people, renaming (owner), arranging the categories (anyone), and leaving a household. */
export function HouseholdDialog({
  household,
  isOwner,
  onClose,
  onLeft,
}: {
  household: HouseholdWithPresence;
  isOwner: boolean;
  onClose: () => void;
  onLeft: () => void;
}) {
  return (
    <Dialog title={household.name} onClose={onClose}>
      <InviteSection household={household} isOwner={isOwner} />
      {isOwner && <RenameHouseholdForm household={household} />}
      <CategoryEditor household={household} />
      <PushSection household={household} />
      <LeaveSection household={household} onLeft={onLeft} />
    </Dialog>
  );
}
