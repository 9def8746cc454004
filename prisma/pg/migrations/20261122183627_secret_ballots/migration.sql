-- AlterTable
ALTER TABLE "CellSettings" ADD COLUMN     "electronicSecretBallot" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "aboutMemberId" INTEGER,
ADD COLUMN     "mode" TEXT NOT NULL DEFAULT 'OPEN',
ADD COLUMN     "options" TEXT NOT NULL DEFAULT '["yes","no","other"]';

-- CreateTable
CREATE TABLE "SecretVoter" (
    "voteId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,

    CONSTRAINT "SecretVoter_pkey" PRIMARY KEY ("voteId","memberId")
);

-- CreateTable
CREATE TABLE "SecretTally" (
    "voteId" INTEGER NOT NULL,
    "option" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "SecretTally_pkey" PRIMARY KEY ("voteId","option")
);

