-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "round" INTEGER,
ADD COLUMN     "seats" INTEGER;

