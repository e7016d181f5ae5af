// Every command, in the order /help lists them. Adapters derive their registrations from this list.
import action from './action.ts';
import canonAdd from './canon-add.ts';
import canonList from './canon-list.ts';
import canonRemove from './canon-remove.ts';
import characterAccept from './character-accept.ts';
import characterAdd from './character-add.ts';
import characterDiscard from './character-discard.ts';
import characterEdit from './character-edit.ts';
import characterGenerate from './character-generate.ts';
import characterList from './character-list.ts';
import characterRemove from './character-remove.ts';
import characterShow from './character-show.ts';
import type { Command } from './command.ts';
import critique from './critique.ts';
import exportCommand from './export.ts';
import help from './help.ts';
import line from './line.ts';
import react from './react.ts';
import recap from './recap.ts';
import review from './review.ts';
import roomAudit from './room-audit.ts';
import roomLock from './room-lock.ts';
import roomSettings from './room-settings.ts';
import roomUnlock from './room-unlock.ts';
import roomUsage from './room-usage.ts';
import say from './say.ts';
import sceneAccept from './scene-accept.ts';
import sceneBuild from './scene-build.ts';
import sceneCancel from './scene-cancel.ts';
import sceneContinue from './scene-continue.ts';
import sceneDiscard from './scene-discard.ts';
import sceneImport from './scene-import.ts';
import sceneNew from './scene-new.ts';
import scenePicture from './scene-picture.ts';
import sceneRewrite from './scene-rewrite.ts';
import sceneStart from './scene-start.ts';
import sceneUndo from './scene-undo.ts';
import storyMap from './story-map.ts';
import styleClear from './style-clear.ts';
import styleSet from './style-set.ts';
import styleShow from './style-show.ts';
import transition from './transition.ts';
import voteCancel from './vote-cancel.ts';
import voteCast from './vote-cast.ts';
import voteClose from './vote-close.ts';
import voteExtend from './vote-extend.ts';
import voteOpen from './vote-open.ts';
import voteStatus from './vote-status.ts';

export const commands: readonly Command[] = [
  sceneStart,
  sceneContinue,
  sceneNew,
  sceneBuild,
  sceneAccept,
  sceneDiscard,
  scenePicture,
  sceneRewrite,
  sceneUndo,
  sceneCancel,
  sceneImport,
  line,
  say,
  action,
  transition,
  characterAdd,
  characterEdit,
  characterRemove,
  characterList,
  characterShow,
  characterGenerate,
  characterAccept,
  characterDiscard,
  voteOpen,
  voteCast,
  voteClose,
  voteExtend,
  voteCancel,
  voteStatus,
  canonAdd,
  canonList,
  canonRemove,
  styleSet,
  styleShow,
  styleClear,
  critique,
  react,
  recap,
  review,
  roomSettings,
  roomUsage,
  roomLock,
  roomUnlock,
  roomAudit,
  exportCommand,
  storyMap,
  help,
];
